// Package testutil helps tests find the shared evaluation datasets and build the fimi binary.
package testutil

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// RepoRoot returns the directory holding go.mod, walking up from the working directory.
func RepoRoot(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Dataset returns the path of a folder under ../shared/datasets beside the repository. When it
// is absent the test is skipped with a message saying so, unless FIMI_REQUIRE_DATASETS=1 (as in
// CI), where it fails.
func Dataset(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(RepoRoot(t), "..", "shared", "datasets", name)
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("FIMI_REQUIRE_DATASETS") == "1" {
			t.Fatalf("shared dataset %s is missing (FIMI_REQUIRE_DATASETS=1): %v", dir, err)
		}
		t.Skipf("shared dataset %s not found: put the shared datasets beside the repository to run this test", dir)
	}
	return dir
}

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
	buildOut  []byte
)

// Binary builds ./cmd/fimi once per test process and returns the path of the executable.
func Binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "fimi-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "fimi")
		cmd := exec.Command("go", "build", "-o", binPath, "./cmd/fimi")
		cmd.Dir = RepoRoot(t)
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("build fimi: %v\n%s", buildErr, buildOut)
	}
	return binPath
}
