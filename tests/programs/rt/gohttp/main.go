// An net/http server and its client in one program, on 127.0.0.1: the server listens on a port the system
// picks, the client makes requests against it (GET, a POST with a body, a streamed response, concurrent
// requests on a connection pool, a missing page, a request cancelled by its deadline), then the server
// shuts down gracefully. Go's netpoller drives every socket with overlapped I/O and a completion port on
// Windows (AcceptEx, ConnectEx, WSARecv, WSASend, CancelIoEx). Only deterministic facts are printed.
package main

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"
)

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, "hello, %s", r.URL.Query().Get("name"))
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Length", fmt.Sprint(len(body)))
		sum := sha256.Sum256(body)
		fmt.Fprintf(w, "%x", sum[:8])
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i < 5; i++ {
			fmt.Fprintf(w, "chunk %d\n", i)
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
			io.WriteString(w, "too late")
		case <-r.Context().Done():
		}
	})

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(1)
	}
	addr := ln.Addr().(*net.TCPAddr)
	fmt.Println("listening on 127.0.0.1:", addr.Port > 0)
	srv := &http.Server{Handler: mux}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	base := "http://" + ln.Addr().String()
	client := &http.Client{}

	resp, err := client.Get(base + "/hello?name=ntexec")
	if err != nil {
		fmt.Println("get:", err)
		os.Exit(1)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Printf("GET /hello: %d %q\n", resp.StatusCode, body)

	big := strings.Repeat("0123456789abcdef", 1<<16) // 1 MiB
	resp, err = client.Post(base+"/echo", "application/octet-stream", strings.NewReader(big))
	if err != nil {
		fmt.Println("post:", err)
		os.Exit(1)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	want := sha256.Sum256([]byte(big))
	fmt.Printf("POST /echo: %d length %s digest matches %v\n", resp.StatusCode, resp.Header.Get("X-Length"),
		string(body) == fmt.Sprintf("%x", want[:8]))

	resp, err = client.Get(base + "/stream")
	if err == nil {
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Printf("GET /stream: %d chunked %v %q\n", resp.StatusCode, len(resp.TransferEncoding) > 0, body)
	}

	resp, err = client.Get(base + "/missing")
	if err == nil {
		resp.Body.Close()
		fmt.Printf("GET /missing: %d\n", resp.StatusCode)
	}

	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := client.Get(fmt.Sprintf("%s/hello?name=%d", base, i))
			if err != nil {
				return
			}
			b, _ := io.ReadAll(r.Body)
			r.Body.Close()
			if string(b) == fmt.Sprintf("hello, %d", i) {
				mu.Lock()
				ok++
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()
	fmt.Printf("concurrent GETs answered: %d of 50\n", ok)

	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	req, _ := http.NewRequestWithContext(ctx, "GET", base+"/slow", nil)
	start := time.Now()
	_, err = client.Do(req)
	cancel()
	fmt.Printf("GET /slow with a deadline: deadline exceeded %v, quickly %v\n", errors.Is(err, context.DeadlineExceeded),
		time.Since(start) < 3*time.Second)

	conn, err := net.Dial("tcp", "127.0.0.1:1")
	fmt.Printf("dial a closed port: refused %v\n", err != nil && strings.Contains(err.Error(), "refused"))
	if conn != nil {
		conn.Close()
	}

	// A connection the transport dialled for the concurrent requests but never used is new to the server,
	// which Shutdown waits 5 seconds for: the client closes its idle ones first.
	client.CloseIdleConnections()
	shutdown, cancel2 := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel2()
	fmt.Println("shutdown:", srv.Shutdown(shutdown))
	fmt.Println("serve returned:", <-served)
}
