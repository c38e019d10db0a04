/*
 * A stand-in for Windows' bcryptprimitives.dll, only for running our test
 * programs under Debian 12's Wine 8.0 (scripts/windows.sh).
 *
 * Rust's standard library (since 1.78) takes its random bytes from
 * ProcessPrng in bcryptprimitives.dll, which every supported Windows has but
 * Wine before 9.0 lacks, so no Rust program starts there. This DLL exports
 * ProcessPrng and fills the buffer from RtlGenRandom (advapi32's
 * SystemFunction036), Wine's own system random source. It is never shipped
 * with the app: real Windows has the real DLL.
 *
 * Delete it (and its step in scripts/windows.sh) once the machines have
 * Wine >= 9.0, which implements ProcessPrng itself.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* Windows documents ProcessPrng as always returning TRUE; a source that
 * fails is reported as FALSE rather than handing out unfilled bytes. */
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
