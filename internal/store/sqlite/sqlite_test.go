package sqlite

import (
	"context"
	"path/filepath"
	"testing"

	"fimi/internal/store"
	"fimi/internal/store/storetest"
)

func newTestDB(t *testing.T) store.Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "fimi.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) { storetest.Run(t, newTestDB) }

func TestReopenKeepsSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fimi.db")
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != 1 {
			t.Errorf("schema version = %d, %v", v, err)
		}
		s.Close()
	}
}
