; Twostep's Windows installer, built by scripts/package with NSIS 3 (makensis, from Debian's
; nsis package) from the release twostep.exe. scripts/package passes the defines checked below.
;
; Per user, as a person installs an app without asking an administrator: into
; %LocalAppData%\Programs\Twostep, with a Start-menu shortcut and an entry in "Apps & features"
; (HKCU\...\Uninstall\Twostep). Installing over an earlier install replaces the program and
; leaves the data alone: that lives in %AppData%\Twostep and the Credential Manager, never here.
; The uninstaller removes the program, its shortcut and its entry, and the person's data only
; when they tick "Also delete my Twostep data" (silently: /S /DELETEDATA); twostep.exe
; --delete-data does that part, so the keyring entries go by the rules the app wrote them by.
; Administrators: installer.exe /S [/D=C:\path] and uninstall.exe /S install and remove silently.

!ifndef VERSION | EXE | ICON | SIDEBAR | LICENSE | NOTICES | OUTFILE
  !error "scripts/package-installer passes -DVERSION -DEXE -DICON -DSIDEBAR -DLICENSE -DNOTICES -DOUTFILE"
!endif

Target amd64-unicode ; Twostep is built for 64-bit Windows only, and so is its installer
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!include MUI2.nsh
!include FileFunc.nsh
!include LogicLib.nsh
!include nsDialogs.nsh

!define APP "Twostep"
!define PUBLISHER "The Twostep authors"
!define HOMEPAGE "https://github.com/twostep-app/twostep"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Twostep"
!define SHORTCUT "$SMPROGRAMS\Twostep.lnk"

Name "${APP}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\Twostep"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "${APP} ${VERSION}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_WELCOMEFINISHPAGE_BITMAP "${SIDEBAR}"
!define MUI_UNWELCOMEFINISHPAGE_BITMAP "${SIDEBAR}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!define MUI_FINISHPAGE_RUN "$INSTDIR\twostep.exe"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

; The languages Twostep speaks (assets/translations); Windows' own language picks one.
!insertmacro MUI_LANGUAGE "English"
!insertmacro MUI_LANGUAGE "German"
!insertmacro MUI_LANGUAGE "French"
!insertmacro MUI_LANGUAGE "Spanish"
!include "installer-words.nsh"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductName" "${APP}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=${LANG_ENGLISH} "FileDescription" "${APP} ${VERSION} Setup"
VIAddVersionKey /LANG=${LANG_ENGLISH} "LegalCopyright" "Copyright 2026 ${PUBLISHER} (BSD 3-Clause)"

Var DeleteData      ; ${BST_CHECKED} when the person (or /DELETEDATA) asks for their data to go
Var DeleteBox

Function .onInit
  SetShellVarContext current
FunctionEnd

Function un.onInit
  SetShellVarContext current
  StrCpy $DeleteData ${BST_UNCHECKED}
  ${GetParameters} $R0
  ClearErrors
  ${GetOptions} $R0 "/DELETEDATA" $R1
  ${IfNot} ${Errors}
    StrCpy $DeleteData ${BST_CHECKED}
  ${EndIf}
FunctionEnd

; WaitUntilClosed: a running twostep.exe cannot be replaced or deleted. Windows refuses to
; open a running program's file for writing, so that is the test; the person is asked to close
; it (silently, the run fails with error level 2 and changes nothing).
!macro WaitUntilClosed UN
Function ${UN}WaitUntilClosed
  retry:
  ${IfNot} ${FileExists} "$INSTDIR\twostep.exe"
    Return ; nothing installed there yet
  ${EndIf}
  ClearErrors
  FileOpen $0 "$INSTDIR\twostep.exe" a
  ${IfNot} ${Errors}
    FileClose $0
    Return
  ${EndIf}
  ${If} ${Silent}
    SetErrorLevel 2
    Quit
  ${EndIf}
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(TwostepIsOpen)" IDRETRY retry
  Quit
FunctionEnd
!macroend
!insertmacro WaitUntilClosed ""
!insertmacro WaitUntilClosed "un."

Section "Twostep"
  Call WaitUntilClosed
  SetOutPath "$INSTDIR"
  File "/oname=twostep.exe" "${EXE}"
  File "/oname=LICENSE.txt" "${LICENSE}"
  File "/oname=THIRD_PARTY_NOTICES.txt" "${NOTICES}"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "${SHORTCUT}" "$INSTDIR\twostep.exe" "" "$INSTDIR\twostep.exe" 0 SW_SHOWNORMAL "" "$(ShortcutComment)"

  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\twostep.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTKEY}" "URLInfoAbout" "${HOMEPAGE}"
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0 ; KiB, as "Apps & features" reads it
SectionEnd

; The uninstaller's one question: keep the data (the default) or delete it for good.
Function un.DataPage
  !insertmacro MUI_HEADER_TEXT "$(DataTitle)" "$(DataSubtitle)"
  nsDialogs::Create 1018
  Pop $0
  ${NSD_CreateLabel} 0 0 100% 20u "$(DataKept)"
  Pop $0
  ${NSD_CreateCheckbox} 0 28u 100% 12u "$(DataDelete)"
  Pop $DeleteBox
  ${NSD_SetState} $DeleteBox $DeleteData
  ${NSD_CreateLabel} 12u 44u -12u 48u "$(DataWarning)"
  Pop $0
  nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
  ${NSD_GetState} $DeleteBox $DeleteData
FunctionEnd

Section "Uninstall"
  Call un.WaitUntilClosed
  ${If} $DeleteData == ${BST_CHECKED}
  ${AndIf} ${FileExists} "$INSTDIR\twostep.exe"
    DetailPrint "$(Deleting)"
    nsExec::ExecToStack '"$INSTDIR\twostep.exe" --delete-data'
    Pop $0 ; exit code
    Pop $1 ; what it said
    DetailPrint $1
    ${If} $0 != 0
      MessageBox MB_OK|MB_ICONSTOP "$(DeleteFailed)$\r$\n$\r$\n$1" /SD IDOK
      SetErrorLevel 2
      Abort ; the program stays, so the person can close Twostep and try again
    ${EndIf}
  ${EndIf}
  Delete "${SHORTCUT}"
  Delete "$INSTDIR\twostep.exe"
  Delete "$INSTDIR\LICENSE.txt"
  Delete "$INSTDIR\THIRD_PARTY_NOTICES.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR" ; only if empty: a folder the person chose may hold their own files
  DeleteRegKey HKCU "${UNINSTKEY}"
SectionEnd
