package follow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"

	"fimi/internal/fimi"
	"fimi/internal/store"
	"fimi/internal/store/sqlite"
)

// counter is a detector that records the items it saw and advances its cursor.
type counter struct {
	st   *sqlite.DB
	mu   sync.Mutex
	seen map[string]int
	fail int // fail on the batch that would bring seen to this size
}

func (c *counter) Name() string { return "counter" }

func (c *counter) Process(ctx context.Context, items []store.SeqItem) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fail > 0 && len(c.seen)+len(items) >= c.fail {
		return errors.New("boom")
	}
	for _, it := range items {
		c.seen[it.Item.ID]++
	}
	return c.st.SetCursor(ctx, c.Name(), items[len(items)-1].Seq)
}

func put(t *testing.T, st *sqlite.DB, from, to int) {
	t.Helper()
	var b []store.Put
	for i := from; i < to; i++ {
		it := fimi.Item{Platform: "x", NativeID: fmt.Sprint(i), Text: fmt.Sprint("text ", i)}
		it.ID = fimi.ItemID("x", it.NativeID, "")
		b = append(b, store.Put{Item: it})
	}
	if _, err := st.PutItems(context.Background(), b); err != nil {
		t.Fatal(err)
	}
}

func TestRunnerProcessesEachItemOnceAndResumes(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "f.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	det := &counter{st: st, seen: map[string]int{}, fail: 4500}
	r := Start(ctx, st, slog.New(slog.NewTextHandler(io.Discard, nil)), det)
	for i := 0; i < 5; i++ {
		put(t, st, i*1000, (i+1)*1000)
		r.Notify()
	}
	if err := r.Close(); err == nil || err.Error() != "boom" {
		t.Fatalf("Close = %v, want the detector's error", err)
	}
	// A new run resumes after the last committed batch and sees every item exactly once.
	det.fail = 0
	n, err := CatchUp(ctx, st, det, 700)
	if err != nil {
		t.Fatal(err)
	}
	if len(det.seen) != 5000 || n == 0 || n == 5000 {
		t.Fatalf("seen %d distinct items, %d in the second run", len(det.seen), n)
	}
	for id, k := range det.seen {
		if k != 1 {
			t.Fatalf("item %s processed %d times", id, k)
		}
	}
	if n, _ := CatchUp(ctx, st, det, 0); n != 0 {
		t.Errorf("caught-up detector processed %d more", n)
	}
}
