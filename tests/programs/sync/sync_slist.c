/* Interlocked SLists from 16 threads: every node popped is pushed back, producers and consumers move
 * distinct nodes; at the end no node is lost or duplicated and the depth is right. */
#include <windows.h>
#include <malloc.h>
#include <stdio.h>

#define NODES 4096
#define THREADS 16
#define ROUNDS 20000

typedef struct {
    SLIST_ENTRY entry;
    LONG id;
    volatile LONG owners;   /* must never exceed 1: a node held by two threads at once is an ABA bug */
} NODE;

static SLIST_HEADER pool, done;
static NODE *nodes;
static volatile LONG double_owned, pops, pushes, moved;

static DWORD WINAPI churn(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        NODE *n = (NODE *)InterlockedPopEntrySList(&pool);
        if (!n)
            continue;
        if (InterlockedIncrement(&n->owners) != 1)
            InterlockedIncrement(&double_owned);
        InterlockedIncrement(&pops);
        InterlockedDecrement(&n->owners);
        InterlockedPushEntrySList(&pool, &n->entry);
        InterlockedIncrement(&pushes);
    }
    return 0;
}

/* Half the threads move nodes from pool to done, the other half churn pool. */
static DWORD WINAPI mover(void *arg)
{
    int id = (int)(INT_PTR)arg;
    if (id % 2)
        return churn(arg);
    NODE *n;
    while ((n = (NODE *)InterlockedPopEntrySList(&pool)) != NULL) {
        InterlockedPushEntrySList(&done, &n->entry);
        InterlockedIncrement(&moved);
    }
    return 0;
}

static void run(LPTHREAD_START_ROUTINE fn)
{
    HANDLE h[THREADS];
    for (int i = 0; i < THREADS; i++)
        h[i] = CreateThread(NULL, 0, fn, (void *)(INT_PTR)i, 0, NULL);
    WaitForMultipleObjects(THREADS, h, TRUE, INFINITE);
    for (int i = 0; i < THREADS; i++)
        CloseHandle(h[i]);
}

/* Counts the nodes of a flushed chain and checks each appears once. */
static void census(const char *what, PSLIST_ENTRY e)
{
    static char seen[NODES];
    memset(seen, 0, sizeof seen);
    int count = 0, dup = 0, bad = 0;
    for (; e; e = e->Next) {
        NODE *n = (NODE *)e;
        if (n->id < 0 || n->id >= NODES) {
            bad++;
            break;
        }
        dup += seen[n->id]++ != 0;
        count++;
    }
    printf("%s: %d nodes, duplicates %d, foreign %d\n", what, count, dup, bad);
}

int main(void)
{
    nodes = _aligned_malloc(NODES * sizeof(NODE), MEMORY_ALLOCATION_ALIGNMENT);
    InitializeSListHead(&pool);
    InitializeSListHead(&done);
    printf("empty: depth %u, pop %p, flush %p\n", QueryDepthSList(&pool), (void *)InterlockedPopEntrySList(&pool),
           (void *)InterlockedFlushSList(&pool));
    for (int i = 0; i < NODES; i++) {
        nodes[i].id = i;
        nodes[i].owners = 0;
        PSLIST_ENTRY prev = InterlockedPushEntrySList(&pool, &nodes[i].entry);
        if (prev != (i ? &nodes[i - 1].entry : NULL))
            printf("push %d returned the wrong previous entry\n", i);
    }
    USHORT depth = QueryDepthSList(&pool);
    int last_first = InterlockedPopEntrySList(&pool) == &nodes[NODES - 1].entry;
    printf("after %d pushes: depth %u, first is the last pushed %d, depth after a pop %u\n", NODES, depth,
           last_first, QueryDepthSList(&pool));
    InterlockedPushEntrySList(&pool, &nodes[NODES - 1].entry);

    run(churn);
    printf("churn: %d threads, pops == pushes %d, a node held twice %ld, depth %u\n", THREADS, pops == pushes,
           double_owned, QueryDepthSList(&pool));

    run(mover);
    printf("moved while churning: double held %ld, depth pool + done %u, moved + pool %ld\n", double_owned,
           QueryDepthSList(&pool) + QueryDepthSList(&done), moved + QueryDepthSList(&pool));
    PSLIST_ENTRY rest = InterlockedFlushSList(&pool);
    /* put whatever churn left in pool onto done as one chain, then count everything */
    if (rest) {
        PSLIST_ENTRY last = rest;
        ULONG n = 1;
        while (last->Next) {
            last = last->Next;
            n++;
        }
        InterlockedPushListSListEx(&done, rest, last, n);
    }
    printf("after flush and PushListSListEx: pool depth %u, done depth %u\n", QueryDepthSList(&pool),
           QueryDepthSList(&done));
    census("all nodes", InterlockedFlushSList(&done));
    printf("flushed: depth %u\n", QueryDepthSList(&done));
    _aligned_free(nodes);
    return 0;
}
