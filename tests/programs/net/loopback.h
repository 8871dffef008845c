/* What the net test programs share: a TCP socket listening on 127.0.0.1 at a port the system picks. */
#ifndef NET_LOOPBACK_H
#define NET_LOOPBACK_H

#include <winsock2.h>
#include <string.h>

/* The listening socket; its address (with the port) in *a, ready for connect. */
static SOCKET loopback_listener(struct sockaddr_in *a, int backlog)
{
    SOCKET l = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    memset(a, 0, sizeof *a);
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(l, (struct sockaddr *)a, sizeof *a);
    int len = sizeof *a;
    getsockname(l, (struct sockaddr *)a, &len);
    listen(l, backlog);
    return l;
}

#endif
