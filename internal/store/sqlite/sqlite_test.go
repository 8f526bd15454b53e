package sqlite

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"testing"

	"fimi/internal/fimi"
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
		if err != nil || v != latestVersion(t) {
			t.Errorf("schema version = %d, %v", v, err)
		}
		s.Close()
	}
}

func latestVersion(t *testing.T) int {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		t.Fatal(err)
	}
	return len(names)
}

// TestUpgradeFromVersion1 builds a store at schema version 1 with items in it, then opens it:
// the upgrade numbers the existing items so that detectors process them.
func TestUpgradeFromVersion1(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := migrations.ReadFile("migrations/0001_init.sql")
	for _, q := range []string{
		`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied INTEGER NOT NULL)`,
		string(v1),
		`INSERT INTO schema_migrations VALUES (1, '0001_init.sql', 0)`,
		`INSERT INTO items(id, platform, native_id, text, ingested) VALUES ('i1', 'twitter', '1', 'old one', 0), ('i2', 'twitter', '2', 'old two', 0)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.ItemsSince(ctx, 0, 10)
	if err != nil || len(got) != 2 || got[0].Seq != 1 || got[1].Item.Text != "old two" {
		t.Fatalf("items since 0 after upgrade = %+v, %v", got, err)
	}
	it := fimi.Item{ID: "i3", Platform: "twitter", NativeID: "3", Text: "new"}
	if _, err := s.PutItems(ctx, []store.Put{{Item: it}}); err != nil {
		t.Fatal(err)
	}
	got, _ = s.ItemsSince(ctx, 2, 10)
	if len(got) != 1 || got[0].Seq != 3 || got[0].Item.ID != "i3" {
		t.Errorf("new item after upgrade = %+v", got)
	}
	// The full-text index covers the old rows too.
	if err := s.Check(ctx); err != nil {
		t.Error(err)
	}
}
