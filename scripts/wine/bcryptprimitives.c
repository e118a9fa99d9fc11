/*
 * A test-only stand-in for Windows' bcryptprimitives.dll, for Wine 8, which lacks it.
 *
 * Go's runtime (1.24 and later) loads bcryptprimitives.dll from system32 at start-up and
 * calls ProcessPrng for its random numbers; without the DLL every Go program dies before
 * main. Windows 10 and 11 have the real one, and so does Wine 9. This one answers
 * ProcessPrng with RtlGenRandom (advapi32's SystemFunction036), the CSPRNG that Windows'
 * own rand_s uses, so crypto/rand stays a real source of randomness in the tests.
 *
 * scripts/test-windows builds it with mingw into a fresh Wine prefix for each run. It is
 * never shipped: a Windows machine uses its own.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T size)
{
	while (size > 0) {
		ULONG chunk = size > 0x7fffffff ? 0x7fffffff : (ULONG)size;
		if (!SystemFunction036(data, chunk))
			return FALSE;
		data += chunk;
		size -= chunk;
	}
	return TRUE;
}
