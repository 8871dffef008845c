/* winmm: the timer functions (timeGetDevCaps, timeBeginPeriod/timeEndPeriod pairs and their errors,
 * timeGetTime against GetTickCount, timeGetSystemTime) and sound that cannot play (PlaySound of a missing
 * file without the default sound; stopping when nothing plays). */
#include <windows.h>
#include <mmsystem.h>
#include <stdio.h>

int main(void)
{
    TIMECAPS tc;
    MMRESULT r = timeGetDevCaps(&tc, sizeof tc);
    printf("devcaps: %u min=%u max_ok=%d\n", r, tc.wPeriodMin, tc.wPeriodMax >= 1000);
    printf("devcaps short: %u\n", timeGetDevCaps(&tc, sizeof tc - 1));
    printf("devcaps null: %u\n", timeGetDevCaps(NULL, sizeof tc));
    printf("begin 1: %u\n", timeBeginPeriod(1));
    printf("begin 0: %u\n", timeBeginPeriod(0));
    printf("end 1: %u\n", timeEndPeriod(1));
    printf("end 0: %u\n", timeEndPeriod(0));

    DWORD t0 = timeGetTime(), k0 = GetTickCount();
    Sleep(50);
    DWORD t1 = timeGetTime(), k1 = GetTickCount();
    long dt = (long)(t1 - t0);
    printf("timeGetTime: advanced=%d near_tick_count=%d\n", dt >= 45 && dt < 1000,
           (long)(t1 - k1) > -100 && (long)(t1 - k1) < 100 && (long)(k1 - k0) >= 0);
    MMTIME mt = {.wType = TIME_MS};
    r = timeGetSystemTime(&mt, sizeof mt);
    DWORD t2 = timeGetTime();
    printf("timeGetSystemTime: %u type=%u near=%d\n", r, mt.wType, (long)(t2 - mt.u.ms) >= 0 && (long)(t2 - mt.u.ms) < 100);
    printf("timeGetSystemTime short: %u\n", timeGetSystemTime(&mt, 4));

    SetLastError(0);
    BOOL ok = PlaySoundW(L"C:\\no\\such\\sound.wav", NULL, SND_FILENAME | SND_NODEFAULT | SND_SYNC);
    printf("PlaySoundW missing: %d\n", ok);
    ok = PlaySoundA("C:\\no\\such\\sound.wav", NULL, SND_FILENAME | SND_NODEFAULT | SND_SYNC);
    printf("PlaySoundA missing: %d\n", ok);
    printf("PlaySound stop: %d\n", PlaySoundW(NULL, NULL, 0));
    printf("sndPlaySoundW missing: %d\n", sndPlaySoundW(L"C:\\no\\such\\sound.wav", SND_NODEFAULT | SND_SYNC));
    return 0;
}
