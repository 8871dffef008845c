// Go's os/exec on Windows (tests/e2e/runtimes_go_exec): a child started with arguments that need quoting,
// an environment of its own and a stdin, its stdout read through a pipe and its exit code; a child sharing
// the parent's stdout; a program that is not on PATH.
package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		line := make([]byte, 64)
		n, _ := os.Stdin.Read(line)
		fmt.Printf("child: args %q, GOEXEC_X=%q, stdin %q\n", os.Args[2:], os.Getenv("GOEXEC_X"), line[:n])
		os.Exit(5)
	}
	self, err := os.Executable()
	if err != nil {
		fmt.Println("os.Executable:", err)
		os.Exit(1)
	}
	cmd := exec.Command(self, "child", "a b", `q"uote`, "", `back\slash\`)
	cmd.Env = append(os.Environ(), "GOEXEC_X=yes")
	cmd.Stdin = strings.NewReader("in\n")
	out, err := cmd.Output()
	fmt.Printf("parent: output %q, err %v, exit code %d\n", out, err, cmd.ProcessState.ExitCode())
	shared := exec.Command(self, "child")
	shared.Stdout = os.Stdout
	err = shared.Run()
	fmt.Println("parent: run with the parent's stdout:", err)
	_, err = exec.Command("no_such_program_xyz").Output()
	fmt.Println("parent: missing program:", err)
}
