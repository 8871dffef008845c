// Issue #11's Go program for panics and the collector: recovered panics of every kind Go raises on Windows
// (its own panic, a nil map write, an index out of range, an integer division by zero and a nil pointer
// dereference, the last two hardware exceptions its vectored handler turns into panics), runtime.GC while
// goroutines allocate, timers firing meanwhile, and at the end an unrecovered panic (exit status 2).
// Its Linux build prints the same on stdout.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"sync"
	"time"
)

type node struct {
	next  *node
	value int
}

func try(name string, f func()) {
	defer func() {
		r := recover()
		var re runtime.Error
		if err, ok := r.(error); ok && errors.As(err, &re) {
			fmt.Printf("%s: recovered runtime error: %v\n", name, re)
		} else {
			fmt.Printf("%s: recovered %v\n", name, r)
		}
	}()
	f()
}

func main() {
	try("panic", func() { panic("by hand") })
	try("nil map", func() {
		var m map[string]int
		m["x"] = 1
	})
	try("index", func() {
		s := []int{1, 2, 3}
		i := len(os.Args) + 5
		_ = s[i]
	})
	try("divide", func() {
		zero := len(os.Args) - len(os.Args)
		fmt.Println(10 / zero)
	})
	try("nil pointer", func() {
		var p *node
		if len(os.Args) > 0 {
			fmt.Println(p.value)
		}
	})
	try("nested", func() {
		defer func() {
			r := recover()
			panic(fmt.Sprintf("again after %v", r))
		}()
		panic("first")
	})

	// the collector under load: goroutines building and dropping lists while GC runs and timers fire
	var wg sync.WaitGroup
	sums := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 200; round++ {
				var head *node
				for i := 0; i < 500; i++ {
					head = &node{head, i}
				}
				for n := head; n != nil; n = n.next {
					sums[g] += n.value
				}
			}
		}(g)
	}
	ticks := 0
	ticker := time.NewTicker(2 * time.Millisecond)
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	gcs := 0
loop:
	for {
		select {
		case <-ticker.C:
			ticks++
			runtime.GC()
			gcs++
		case <-done:
			break loop
		}
	}
	ticker.Stop()
	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)
	sort.Ints(sums)
	fmt.Println("sums:", sums[0], sums[7], "collections ran:", stats.NumGC > 0, "ticks:", ticks > 0 == (gcs > 0))
	timer := time.AfterFunc(5*time.Millisecond, func() { fmt.Println("timer fired") })
	time.Sleep(50 * time.Millisecond)
	timer.Stop()
	fmt.Println("unrecovered panic next")
	os.Stdout.Sync()
	panic("the end")
}
