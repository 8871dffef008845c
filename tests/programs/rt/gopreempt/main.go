package main

import (
	"fmt"
	"runtime"
	"time"
)

var sink uint64

// spin never calls a function: only asynchronous preemption (SuspendThread + GetThreadContext +
// SetThreadContext on Windows) can take the only P away from it.
func spin(n *uint64) {
	for {
		*n++
	}
}

func main() {
	runtime.GOMAXPROCS(1)
	for i := 0; i < 3; i++ {
		go spin(&sink)
	}
	start := time.Now()
	time.Sleep(20 * time.Millisecond)
	fmt.Println("main ran again while 3 goroutines spin:", time.Since(start) < 5*time.Second)
	done := make(chan int)
	go func() { done <- 42 }()
	fmt.Println("channel across a spinning P:", <-done)
}
