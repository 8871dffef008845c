// The Go program of issue #10 (tests/e2e/runtimes_go_breadth): os, os/exec, path/filepath, io/fs walks,
// crypto/sha256 and encoding/json over a small tree in a temporary directory. Everything it prints is
// the same on Windows and Linux (paths in slash form, no error texts), and the case expects what its
// Linux build prints.
package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
)

type entry struct {
	Path   string `json:"path"`
	Dir    bool   `json:"dir"`
	Size   int64  `json:"size,omitempty"`
	SHA256 string `json:"sha256,omitempty"`
}

var tree = map[string]string{
	"a.txt":             "alpha\n",
	"empty.bin":         "",
	"sub/b.txt":         "beta beta\n",
	"sub/deeper/c.json": `{"k": [1, 2, 3], "name": "caf\u00e9"}`,
	"sub/e.txt":         "epsilon\n",
}

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s failed\n", what)
		os.Exit(1)
	}
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "child" {
		fmt.Printf("child: %q\n", os.Args[2:])
		os.Exit(3)
	}
	root, err := os.MkdirTemp("", "gobreadth")
	check("MkdirTemp", err)
	defer os.RemoveAll(root)

	names := make([]string, 0, len(tree))
	for rel := range tree {
		names = append(names, rel)
	}
	sort.Strings(names)
	for _, rel := range names {
		p := filepath.Join(root, filepath.FromSlash(rel))
		check("MkdirAll", os.MkdirAll(filepath.Dir(p), 0o755))
		check("WriteFile", os.WriteFile(p, []byte(tree[rel]), 0o644))
	}

	var entries []entry
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		e := entry{Path: filepath.ToSlash(rel), Dir: d.IsDir()}
		if !d.IsDir() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			e.Size = int64(len(b))
			e.SHA256 = fmt.Sprintf("%x", sha256.Sum256(b))
		}
		entries = append(entries, e)
		return nil
	})
	check("WalkDir", err)
	out, err := json.MarshalIndent(entries, "", "  ")
	check("MarshalIndent", err)
	fmt.Println(string(out))

	fsys := os.DirFS(root)
	check("fs.WalkDir", fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fmt.Printf("fs: %s dir=%v\n", p, d.IsDir())
		return nil
	}))
	matches, err := fs.Glob(fsys, "sub/*.txt")
	check("fs.Glob", err)
	fmt.Println("glob sub/*.txt:", matches)
	data, err := fs.ReadFile(fsys, "sub/deeper/c.json")
	check("fs.ReadFile", err)
	var decoded struct {
		K    []int  `json:"k"`
		Name string `json:"name"`
	}
	check("Unmarshal", json.Unmarshal(data, &decoded))
	fmt.Printf("json: k=%v name=%q\n", decoded.K, decoded.Name)

	check("Rename", os.Rename(filepath.Join(root, "a.txt"), filepath.Join(root, "renamed.txt")))
	_, err = os.Stat(filepath.Join(root, "a.txt"))
	fmt.Println("a.txt after the rename: not exist =", os.IsNotExist(err))
	fi, err := os.Stat(filepath.Join(root, "renamed.txt"))
	check("Stat", err)
	fmt.Println("renamed.txt:", fi.Name(), fi.Size(), "regular =", fi.Mode().IsRegular())
	fmt.Println("remove a non-empty directory fails:", os.Remove(filepath.Join(root, "sub")) != nil)
	_, err = os.ReadFile(filepath.Join(root, "missing"))
	fmt.Println("read a missing file: not exist =", os.IsNotExist(err))
	dirents, err := os.ReadDir(filepath.Join(root, "sub"))
	check("ReadDir", err)
	for _, d := range dirents {
		fmt.Printf("ReadDir sub: %s dir=%v\n", d.Name(), d.IsDir())
	}

	check("Setenv", os.Setenv("GOBREADTH_VAR", "value"))
	v, ok := os.LookupEnv("GOBREADTH_VAR")
	fmt.Printf("env: %q %v\n", v, ok)

	self, err := os.Executable()
	check("Executable", err)
	cmd := exec.Command(self, "child", "x y", `q"uote`)
	cmd.Env = append(os.Environ(), "GOBREADTH_CHILD=1")
	o, _ := cmd.Output()
	fmt.Printf("exec: %q, exit code %d\n", o, cmd.ProcessState.ExitCode())

	fmt.Printf("sha256(\"abc\") = %x\n", sha256.Sum256([]byte("abc")))
}
