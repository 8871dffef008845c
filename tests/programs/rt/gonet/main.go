// The Go program of tests/e2e/runtimes_go_net: UDP through Go's net package on 127.0.0.1 and ::1, with
// ReadMsgUDP and WriteMsgUDP (on Windows WSARecvMsg, reached through WSAIoctl, and WSASendMsg, overlapped
// on sockets associated with the runtime's completion port), ReadFromUDP, a connected UDP socket, a burst
// of datagrams and a read deadline. Everything it prints is the same on Windows and Linux (no ports, no
// error texts), and the case expects what its Linux build prints; Wine prints the same.
package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"time"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s failed\n", what)
		os.Exit(1)
	}
}

func roundTrip(network, loopback string) {
	a, err := net.ListenUDP(network, &net.UDPAddr{IP: net.ParseIP(loopback)})
	check(network+" listen a", err)
	defer a.Close()
	b, err := net.ListenUDP(network, &net.UDPAddr{IP: net.ParseIP(loopback)})
	check(network+" listen b", err)
	defer b.Close()
	aAddr := a.LocalAddr().(*net.UDPAddr)
	bAddr := b.LocalAddr().(*net.UDPAddr)

	n, oobn, err := a.WriteMsgUDP([]byte("message one"), nil, bAddr)
	check(network+" WriteMsgUDP", err)
	fmt.Printf("%s WriteMsgUDP: %d bytes, %d oob\n", network, n, oobn)

	buf := make([]byte, 64)
	oob := make([]byte, 64)
	check(network+" deadline", b.SetReadDeadline(time.Now().Add(5*time.Second)))
	n, oobn, flags, from, err := b.ReadMsgUDP(buf, oob)
	check(network+" ReadMsgUDP", err)
	fmt.Printf("%s ReadMsgUDP: %q, %d oob, flags %d, from %s, sender's port %v\n", network, buf[:n], oobn, flags,
		from.IP, from.Port == aAddr.Port)

	n, err = b.WriteToUDP([]byte("reply"), from)
	check(network+" WriteToUDP", err)
	n, from, err = a.ReadFromUDP(buf)
	check(network+" ReadFromUDP", err)
	fmt.Printf("%s ReadFromUDP: %q from %s, b's port %v\n", network, buf[:n], from.IP, from.Port == bAddr.Port)

	// A connected socket: Write and Read, no address.
	c, err := net.DialUDP(network, nil, bAddr)
	check(network+" DialUDP", err)
	defer c.Close()
	_, err = c.Write([]byte("connected"))
	check(network+" Write", err)
	n, from, err = b.ReadFromUDP(buf)
	check(network+" ReadFromUDP connected", err)
	fmt.Printf("%s connected Write: %q, from the dialer %v\n", network, buf[:n],
		from.Port == c.LocalAddr().(*net.UDPAddr).Port)
	_, err = b.WriteToUDP([]byte("back"), from)
	check(network+" WriteToUDP back", err)
	check(network+" deadline c", c.SetReadDeadline(time.Now().Add(5*time.Second)))
	n, err = c.Read(buf)
	check(network+" Read", err)
	fmt.Printf("%s connected Read: %q\n", network, buf[:n])

	// Many datagrams, in order, each whole.
	for i := 0; i < 50; i++ {
		_, _, err = a.WriteMsgUDP([]byte(fmt.Sprintf("datagram %02d", i)), nil, bAddr)
		check(network+" burst write", err)
	}
	inOrder := true
	for i := 0; i < 50; i++ {
		n, _, _, _, err = b.ReadMsgUDP(buf, oob)
		check(network+" burst read", err)
		inOrder = inOrder && string(buf[:n]) == fmt.Sprintf("datagram %02d", i)
	}
	fmt.Printf("%s 50 datagrams in order: %v\n", network, inOrder)

	// A read that times out.
	check(network+" short deadline", b.SetReadDeadline(time.Now().Add(100*time.Millisecond)))
	_, _, _, _, err = b.ReadMsgUDP(buf, oob)
	fmt.Printf("%s read past its deadline: timeout %v\n", network, errors.Is(err, os.ErrDeadlineExceeded))
}

func main() {
	roundTrip("udp4", "127.0.0.1")
	roundTrip("udp6", "::1")
}
