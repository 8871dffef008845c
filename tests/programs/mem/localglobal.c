/* Local and global memory: lock counts, flags, LMEM_MODIFY, discarding, fixed against movable blocks.
 * Prints return values and GetLastError() of each call (handles and pointers only as relations). */
#include <stdio.h>
#include <string.h>
#include <windows.h>

#define SHOW(fmt, ...) printf(fmt "\n", __VA_ARGS__)

static void lmodify(void)
{
    HLOCAL h = LocalAlloc(LMEM_FIXED, 100);
    memset(h, 'x', 100);
    HLOCAL r = LocalReAlloc(h, 0, LMEM_MODIFY);
    SHOW("LocalReAlloc(fixed, 0, LMEM_MODIFY): same=%d size=%u byte=%c", r == h, (unsigned)LocalSize(h), ((char *)h)[99]);
    HLOCAL m = LocalAlloc(LMEM_MOVEABLE, 64);
    SHOW("LocalAlloc(MOVEABLE, 64): is_pointer=%d flags=%#x size=%u", ((ULONG_PTR)m & 15) == 0, LocalFlags(m),
         (unsigned)LocalSize(m));
    r = LocalReAlloc(m, 0, LMEM_MODIFY | LMEM_DISCARDABLE);
    SHOW("LocalReAlloc(movable, 0, MODIFY|DISCARDABLE): same=%d flags=%#x size=%u", r == m, LocalFlags(m),
         (unsigned)LocalSize(m));
    SetLastError(0xdead);
    r = LocalReAlloc(m, 10, LMEM_DISCARDABLE);
    SHOW("LocalReAlloc(movable, 10, DISCARDABLE): %d error=%lu", r != NULL, GetLastError());
    char *p = LocalLock(m);
    SHOW("LocalLock: data=%d flags=%#x", p == *(void **)m, LocalFlags(m));
    SHOW("LocalHandle(data): same=%d", LocalHandle(p) == m);
    SetLastError(0xdead);
    BOOL u = LocalUnlock(m);
    SHOW("LocalUnlock: %d error=%lu flags=%#x", u, GetLastError(), LocalFlags(m));
    SetLastError(0xdead);
    u = LocalUnlock(m);
    SHOW("LocalUnlock again: %d error=%lu", u, GetLastError());
    r = LocalReAlloc(m, 0, LMEM_MOVEABLE);
    SHOW("LocalReAlloc(movable, 0, MOVEABLE): same=%d flags=%#x size=%u", r == m, LocalFlags(m), (unsigned)LocalSize(m));
    SetLastError(0xdead);
    p = LocalLock(m);
    SHOW("LocalLock(discarded): %d error=%lu", p != NULL, GetLastError());
    r = LocalReAlloc(m, 32, LMEM_MOVEABLE);
    SHOW("LocalReAlloc(discarded, 32, MOVEABLE): same=%d flags=%#x size=%u", r == m, LocalFlags(m), (unsigned)LocalSize(m));
    SHOW("LocalFree(movable): %d", LocalFree(m) == NULL);
    SetLastError(0xdead);
    UINT f = LocalFlags(m);
    SHOW("LocalFlags(freed): %#x error=%lu", f, GetLastError());
    SetLastError(0xdead);
    u = LocalUnlock(h);
    SHOW("LocalUnlock(fixed): %d error=%lu flags=%#x", u, GetLastError(), LocalFlags(h));
    LocalFree(h);
}

static void glock(void)
{
    HGLOBAL g = GlobalAlloc(GMEM_MOVEABLE | GMEM_ZEROINIT, 256);
    SHOW("GlobalAlloc(MOVEABLE|ZEROINIT, 256): flags=%#x size=%u", GlobalFlags(g), (unsigned)GlobalSize(g));
    char *a = GlobalLock(g), *b = GlobalLock(g), *c = GlobalLock(g);
    SHOW("GlobalLock x3: same=%d zero=%d flags=%#x", a == b && b == c, a[255] == 0, GlobalFlags(g));
    for (int i = 0; i < 4; i++) {
        SetLastError(0xdead);
        BOOL u = GlobalUnlock(g);
        SHOW("GlobalUnlock %d: %d error=%lu flags=%#x", i + 1, u, GetLastError(), GlobalFlags(g));
    }
    GlobalLock(g);
    HGLOBAL r = GlobalReAlloc(g, 0, GMEM_MOVEABLE);
    SHOW("GlobalReAlloc(locked, 0, MOVEABLE): %d flags=%#x", r != NULL, GlobalFlags(g));
    r = GlobalReAlloc(g, 4096, GMEM_MOVEABLE);
    char *d = GlobalLock(g);
    SHOW("GlobalReAlloc(locked, 4096, MOVEABLE): same=%d size=%u flags=%#x", r == g, (unsigned)GlobalSize(g), GlobalFlags(g));
    GlobalUnlock(g);
    GlobalUnlock(g);
    (void)d;
    r = GlobalReAlloc(g, 0, GMEM_MODIFY | GMEM_DISCARDABLE);
    SHOW("GlobalReAlloc(movable, 0, MODIFY|DISCARDABLE): same=%d flags=%#x size=%u", r == g, GlobalFlags(g),
         (unsigned)GlobalSize(g));
    SHOW("GlobalFree: %d", GlobalFree(g) == NULL);

    HGLOBAL f = GlobalAlloc(GMEM_FIXED, 0);
    SHOW("GlobalAlloc(FIXED, 0): size=%u flags=%#x", (unsigned)GlobalSize(f), GlobalFlags(f));
    SHOW("GlobalLock(fixed): same=%d", GlobalLock(f) == f);
    SetLastError(0xdead);
    BOOL u = GlobalUnlock(f);
    SHOW("GlobalUnlock(fixed): %d error=%lu", u, GetLastError());
    memset(f, 'y', 1);
    r = GlobalReAlloc(f, 0, GMEM_MODIFY);
    SHOW("GlobalReAlloc(fixed, 0, MODIFY): same=%d size=%u", r == f, (unsigned)GlobalSize(f));
    SHOW("GlobalHandle(fixed): same=%d", GlobalHandle(f) == f);
    GlobalFree(f);
}

int main(void)
{
    lmodify();
    glock();
    return 0;
}
