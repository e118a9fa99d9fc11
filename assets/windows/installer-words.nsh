; The installer's own sentences, in every language Twostep speaks (assets/translations); NSIS
; brings its own for its standard pages. TestInstallerSpeaksEveryLanguage (assets) holds each
; sentence to every language.

LangString WelcomeText ${LANG_ENGLISH} "Twostep guards your accounts on this computer with a password and a verification code from your phone.$\r$\n$\r$\nSetup installs Twostep for you alone: no administrator is needed. Installing over an earlier Twostep keeps your accounts.$\r$\n$\r$\nClick Next to continue."
LangString WelcomeText ${LANG_GERMAN} "Twostep schützt Ihre Konten auf diesem Computer mit einem Passwort und einem Bestätigungscode von Ihrem Telefon.$\r$\n$\r$\nDas Setup installiert Twostep nur für Sie: Ein Administrator wird nicht gebraucht. Eine Installation über ein älteres Twostep behält Ihre Konten.$\r$\n$\r$\nKlicken Sie auf Weiter, um fortzufahren."
LangString WelcomeText ${LANG_FRENCH} "Twostep protège vos comptes sur cet ordinateur par un mot de passe et un code de vérification venu de votre téléphone.$\r$\n$\r$\nLe programme d'installation installe Twostep pour vous seul : aucun administrateur n'est nécessaire. Une installation par-dessus un Twostep plus ancien garde vos comptes.$\r$\n$\r$\nCliquez sur Suivant pour continuer."
LangString WelcomeText ${LANG_SPANISH} "Twostep protege sus cuentas en este equipo con una contraseña y un código de verificación de su teléfono.$\r$\n$\r$\nEl instalador instala Twostep solo para usted: no hace falta un administrador. Instalarlo sobre un Twostep anterior conserva sus cuentas.$\r$\n$\r$\nHaga clic en Siguiente para continuar."

LangString ShortcutComment ${LANG_ENGLISH} "Sign in with a password and a verification code"
LangString ShortcutComment ${LANG_GERMAN} "Mit Passwort und Bestätigungscode anmelden"
LangString ShortcutComment ${LANG_FRENCH} "Se connecter avec un mot de passe et un code de vérification"
LangString ShortcutComment ${LANG_SPANISH} "Iniciar sesión con una contraseña y un código de verificación"

LangString TwostepIsOpen ${LANG_ENGLISH} "Twostep is open. Close its window, then press Retry."
LangString TwostepIsOpen ${LANG_GERMAN} "Twostep ist geöffnet. Schließen Sie das Fenster und wählen Sie dann „Wiederholen“."
LangString TwostepIsOpen ${LANG_FRENCH} "Twostep est ouvert. Fermez sa fenêtre, puis cliquez sur Réessayer."
LangString TwostepIsOpen ${LANG_SPANISH} "Twostep está abierto. Cierre su ventana y pulse Reintentar."

LangString DataTitle ${LANG_ENGLISH} "Your Twostep data"
LangString DataTitle ${LANG_GERMAN} "Ihre Twostep-Daten"
LangString DataTitle ${LANG_FRENCH} "Vos données Twostep"
LangString DataTitle ${LANG_SPANISH} "Sus datos de Twostep"

LangString DataSubtitle ${LANG_ENGLISH} "Keep your accounts, or delete them with the program."
LangString DataSubtitle ${LANG_GERMAN} "Behalten Sie Ihre Konten oder löschen Sie sie mit dem Programm."
LangString DataSubtitle ${LANG_FRENCH} "Gardez vos comptes, ou supprimez-les avec le programme."
LangString DataSubtitle ${LANG_SPANISH} "Conserve sus cuentas o elimínelas junto con el programa."

LangString DataKept ${LANG_ENGLISH} "Your Twostep accounts stay on this computer: install Twostep again and sign in as before."
LangString DataKept ${LANG_GERMAN} "Ihre Twostep-Konten bleiben auf diesem Computer: Installieren Sie Twostep erneut und melden Sie sich wie bisher an."
LangString DataKept ${LANG_FRENCH} "Vos comptes Twostep restent sur cet ordinateur : réinstallez Twostep et connectez-vous comme avant."
LangString DataKept ${LANG_SPANISH} "Sus cuentas de Twostep se quedan en este equipo: vuelva a instalar Twostep e inicie sesión como antes."

LangString DataDelete ${LANG_ENGLISH} "Also delete my Twostep data"
LangString DataDelete ${LANG_GERMAN} "Auch meine Twostep-Daten löschen"
LangString DataDelete ${LANG_FRENCH} "Supprimer aussi mes données Twostep"
LangString DataDelete ${LANG_SPANISH} "Eliminar también mis datos de Twostep"

LangString DataWarning ${LANG_ENGLISH} "Your accounts, their backup codes and this computer's keys in the Credential Manager are deleted for good. They cannot be recovered, by you or anyone, and the Twostep entries in your authenticator app will open nothing."
LangString DataWarning ${LANG_GERMAN} "Ihre Konten, ihre Backup-Codes und die Schlüssel dieses Computers in der Anmeldeinformationsverwaltung werden endgültig gelöscht. Sie lassen sich nicht wiederherstellen, von niemandem, und die Twostep-Einträge in Ihrer Authenticator-App öffnen dann nichts mehr."
LangString DataWarning ${LANG_FRENCH} "Vos comptes, leurs codes de secours et les clés de cet ordinateur dans le Gestionnaire d'identification sont supprimés définitivement. Ni vous ni personne ne pourra les récupérer, et les entrées Twostep de votre application d'authentification n'ouvriront plus rien."
LangString DataWarning ${LANG_SPANISH} "Sus cuentas, sus códigos de respaldo y las claves de este equipo en el Administrador de credenciales se eliminan para siempre. Nadie podrá recuperarlos, ni usted, y las entradas de Twostep en su aplicación de autenticación ya no abrirán nada."

LangString Deleting ${LANG_ENGLISH} "Deleting your Twostep data..."
LangString Deleting ${LANG_GERMAN} "Ihre Twostep-Daten werden gelöscht..."
LangString Deleting ${LANG_FRENCH} "Suppression de vos données Twostep..."
LangString Deleting ${LANG_SPANISH} "Eliminando sus datos de Twostep..."

LangString DeleteFailed ${LANG_ENGLISH} "Your Twostep data was not deleted, and Twostep was not removed. Close Twostep and try again."
LangString DeleteFailed ${LANG_GERMAN} "Ihre Twostep-Daten wurden nicht gelöscht, und Twostep wurde nicht entfernt. Schließen Sie Twostep und versuchen Sie es erneut."
LangString DeleteFailed ${LANG_FRENCH} "Vos données Twostep n'ont pas été supprimées, et Twostep n'a pas été désinstallé. Fermez Twostep et réessayez."
LangString DeleteFailed ${LANG_SPANISH} "Sus datos de Twostep no se eliminaron y Twostep no se desinstaló. Cierre Twostep e inténtelo de nuevo."
