/*
 * Loopback TCP between two processes (scripts/bench-net.sh), built twice from this one source: for Windows
 * with Winsock (mingw-w64, -lws2_32; both processes run under ntexec) and for Linux with BSD sockets.
 * Blocking sockets only.
 *
 *   net_bench server                      binds 127.0.0.1:0, prints "port N", serves connections until told to quit
 *   net_bench client PORT SECONDS MIB     prints "roundtrips_per_s X" (64-byte request/response with
 *                                         TCP_NODELAY for SECONDS) and "bulk_MiB_per_s X" (MIB MiB sent in
 *                                         64 KiB writes, timed until the server acknowledges the last byte)
 *   net_bench --gs-base server|client ... (the Linux build) the same, the thread first given a GS base as every
 *                                         Windows x64 thread has one (its TEB, which gs:[0x30] reads): on a CPU
 *                                         or VM without FSGSBASE the kernel then writes the GS base MSR each
 *                                         time it switches to the thread, a cost any Windows thread pays there,
 *                                         under ntexec or Wine alike
 *
 * Each connection starts with a 16-byte header: a mode ('P' ping-pong, 'B' bulk, 'Q' quit) and, for bulk,
 * the number of bytes that follow.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <winsock2.h>
#include <ws2tcpip.h>
typedef SOCKET sock_t;
#define close_socket closesocket

static int net_init(void)
{
    WSADATA data;
    return WSAStartup(MAKEWORD(2, 2), &data) ? -1 : 0;
}

static int net_error(void)
{
    return WSAGetLastError();
}

static double now_s(void)
{
    static LARGE_INTEGER f;
    LARGE_INTEGER c;
    if (!f.QuadPart)
        QueryPerformanceFrequency(&f);
    QueryPerformanceCounter(&c);
    return (double)c.QuadPart / (double)f.QuadPart;
}
#else
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <asm/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
typedef int sock_t;
#define INVALID_SOCKET (-1)
#define close_socket close

static int net_init(void)
{
    return 0;
}

static int net_error(void)
{
    return errno;
}

/* A block standing for a TEB: its self pointer at 0x30, where Windows code reads it. */
static void *fake_teb[0x1000 / sizeof(void *)];

static int set_gs_base(void)
{
    fake_teb[0x30 / sizeof(void *)] = fake_teb;
    return (int)syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)fake_teb);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
#endif

#define MSG   64
#define CHUNK (64 * 1024)

struct header {
    uint64_t mode;
    uint64_t bytes;
};

static char chunk[CHUNK];

static void die(const char *what)
{
    fprintf(stderr, "net_bench: %s failed (error %d)\n", what, net_error());
    exit(1);
}

static void send_all(sock_t s, const char *p, size_t len)
{
    while (len) {
        int n = send(s, p, (int)(len > CHUNK ? CHUNK : len), 0);
        if (n <= 0)
            die("send");
        p += n;
        len -= (size_t)n;
    }
}

/* 1 when len bytes came, 0 at an orderly end before the first byte. */
static int recv_all(sock_t s, char *p, size_t len)
{
    size_t got = 0;
    while (got < len) {
        int n = recv(s, p + got, (int)(len - got), 0);
        if (n == 0 && got == 0)
            return 0;
        if (n <= 0)
            die("recv");
        got += (size_t)n;
    }
    return 1;
}

static void no_delay(sock_t s)
{
    int one = 1;
    if (setsockopt(s, IPPROTO_TCP, TCP_NODELAY, (const char *)&one, sizeof one))
        die("setsockopt TCP_NODELAY");
}

static struct sockaddr_in loopback(unsigned short port)
{
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(port);
    return a;
}

/* One connection; returns 0 when the client said quit. */
static int serve(sock_t c)
{
    struct header h;
    if (!recv_all(c, (char *)&h, sizeof h))
        return 1;
    if (h.mode == 'P') {
        char msg[MSG];
        no_delay(c);
        while (recv_all(c, msg, MSG))
            send_all(c, msg, MSG);
    } else if (h.mode == 'B') {
        uint64_t got = 0;
        while (got < h.bytes) {
            int n = recv(c, chunk, CHUNK, 0);
            if (n <= 0)
                die("recv (bulk)");
            got += (uint64_t)n;
        }
        send_all(c, (const char *)&got, sizeof got);
    }
    return h.mode != 'Q';
}

static int server(void)
{
    sock_t l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (l == INVALID_SOCKET)
        die("socket");
    struct sockaddr_in a = loopback(0);
    if (bind(l, (struct sockaddr *)&a, sizeof a))
        die("bind");
    if (listen(l, 4))
        die("listen");
    socklen_t len = sizeof a;
    if (getsockname(l, (struct sockaddr *)&a, &len))
        die("getsockname");
    printf("port %u\n", ntohs(a.sin_port));
    fflush(stdout);
    for (int more = 1; more;) {
        sock_t c = accept(l, NULL, NULL);
        if (c == INVALID_SOCKET)
            die("accept");
        more = serve(c);
        close_socket(c);
    }
    close_socket(l);
    return 0;
}

static sock_t dial(unsigned short port, char mode, uint64_t bytes)
{
    sock_t s = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    if (s == INVALID_SOCKET)
        die("socket");
    struct sockaddr_in a = loopback(port);
    if (connect(s, (struct sockaddr *)&a, sizeof a))
        die("connect");
    struct header h = {(uint64_t)mode, bytes};
    send_all(s, (const char *)&h, sizeof h);
    return s;
}

static void ping_pong(unsigned short port, double seconds)
{
    sock_t s = dial(port, 'P', 0);
    no_delay(s);
    char msg[MSG];
    memset(msg, 'p', MSG);
    for (int i = 0; i < 1000; i++) {   /* warm-up */
        send_all(s, msg, MSG);
        recv_all(s, msg, MSG);
    }
    long n = 0;
    double start = now_s(), elapsed;
    do {
        for (int i = 0; i < 256; i++, n++) {
            send_all(s, msg, MSG);
            if (!recv_all(s, msg, MSG))
                die("recv (server closed)");
        }
        elapsed = now_s() - start;
    } while (elapsed < seconds);
    close_socket(s);
    printf("roundtrips_per_s %.0f\n", (double)n / elapsed);
}

static void bulk(unsigned short port, uint64_t bytes)
{
    memset(chunk, 'b', CHUNK);
    double start = now_s();
    sock_t s = dial(port, 'B', bytes);
    for (uint64_t sent = 0; sent < bytes; sent += CHUNK)
        send_all(s, chunk, bytes - sent < CHUNK ? (size_t)(bytes - sent) : CHUNK);
    uint64_t ack = 0;
    if (!recv_all(s, (char *)&ack, sizeof ack) || ack != bytes)
        die("bulk acknowledgement");
    double elapsed = now_s() - start;
    close_socket(s);
    printf("bulk_MiB_per_s %.0f\n", (double)bytes / (1024.0 * 1024.0) / elapsed);
}

int main(int argc, char **argv)
{
    if (net_init())
        die("WSAStartup");
#ifndef _WIN32
    if (argc > 1 && !strcmp(argv[1], "--gs-base")) {
        if (set_gs_base())
            die("arch_prctl ARCH_SET_GS");
        argc--;
        argv++;
    }
#endif
    if (argc == 2 && !strcmp(argv[1], "server"))
        return server();
    if (argc == 5 && !strcmp(argv[1], "client")) {
        unsigned short port = (unsigned short)atoi(argv[2]);
        ping_pong(port, atof(argv[3]));
        bulk(port, (uint64_t)atoi(argv[4]) << 20);
        close_socket(dial(port, 'Q', 0));
        return 0;
    }
    fprintf(stderr, "usage: net_bench server | net_bench client PORT SECONDS MIB\n");
    return 2;
}
