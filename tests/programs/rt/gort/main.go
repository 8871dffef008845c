package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	// goroutines and channels: a pipeline of three stages
	src := make(chan int)
	sq := make(chan int, 4)
	go func() {
		for i := 1; i <= 10; i++ {
			src <- i
		}
		close(src)
	}()
	go func() {
		for v := range src {
			sq <- v * v
		}
		close(sq)
	}()
	sum := 0
	for v := range sq {
		sum += v
	}
	fmt.Println("pipeline sum of squares 1..10:", sum)

	// sync.WaitGroup and sync.Mutex: 16 goroutines, 1000 increments each
	var wg sync.WaitGroup
	var mu sync.Mutex
	counter := 0
	for g := 0; g < 16; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 1000; i++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println("mutex counter:", counter)

	// time.Sleep: elapsed time is at least what was asked
	start := time.Now()
	time.Sleep(50 * time.Millisecond)
	el := time.Since(start)
	fmt.Println("slept at least 50ms:", el >= 50*time.Millisecond, "under 2s:", el < 2*time.Second)

	// timers: order of three timers, one stopped
	out := make(chan string, 3)
	time.AfterFunc(60*time.Millisecond, func() { out <- "t60" })
	time.AfterFunc(20*time.Millisecond, func() { out <- "t20" })
	stopped := time.AfterFunc(40*time.Millisecond, func() { out <- "t40" })
	fmt.Println("stop before firing:", stopped.Stop())
	fmt.Println("timers fired:", <-out, <-out)

	// time.After in a select with a channel that never sends
	never := make(chan int)
	select {
	case <-never:
		fmt.Println("never")
	case <-time.After(30 * time.Millisecond):
		fmt.Println("select timeout")
	}

	// a ticker ticks three times
	tk := time.NewTicker(10 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 3 {
			break
		}
	}
	tk.Stop()
	fmt.Println("ticks:", n)

	// many goroutines on a buffered channel, results summed
	res := make(chan int, 100)
	for i := 0; i < 100; i++ {
		go func(i int) { res <- i }(i)
	}
	total := 0
	for i := 0; i < 100; i++ {
		total += <-res
	}
	fmt.Println("sum 0..99 from 100 goroutines:", total)
}
