// Package follow runs detectors over the store's item sequence. Every added item, and every
// item whose text changed in a merge, gets the next sequence number (store.ItemsSince); each
// detector keeps a named cursor in the store and processes what lies beyond it, so that a
// detector interrupted by a crash resumes where its last committed batch ended.
package follow

import (
	"context"
	"errors"
	"log/slog"
	"sync"

	"fimi/internal/store"
)

// Store is what following needs of a store.
type Store interface {
	ItemsSince(ctx context.Context, after int64, limit int) ([]store.SeqItem, error)
	Cursor(ctx context.Context, name string) (int64, error)
}

// Detector processes items in sequence order. Process must store its findings and advance its
// cursor (named Name) to the last item's sequence number atomically, so that a batch is never
// half done.
type Detector interface {
	Name() string
	Process(ctx context.Context, items []store.SeqItem) error
}

// DefaultBatch is how many items CatchUp hands a detector at a time.
const DefaultBatch = 2000

// CatchUp runs det over every item beyond its cursor and returns how many it processed.
func CatchUp(ctx context.Context, st Store, det Detector, batch int) (int, error) {
	if batch <= 0 {
		batch = DefaultBatch
	}
	cur, err := st.Cursor(ctx, det.Name())
	if err != nil {
		return 0, err
	}
	n := 0
	for {
		items, err := st.ItemsSince(ctx, cur, batch)
		if err != nil {
			return n, err
		}
		if len(items) == 0 {
			return n, nil
		}
		if err := det.Process(ctx, items); err != nil {
			return n, err
		}
		n += len(items)
		cur = items[len(items)-1].Seq
	}
}

// Runner runs detectors in the background while items land: Notify after each stored batch,
// Close at the end for a last catch-up. It is safe to call Notify from any goroutine.
type Runner struct {
	st     Store
	dets   []Detector
	log    *slog.Logger
	wake   chan struct{}
	done   chan struct{}
	closed chan struct{}
	once   sync.Once
	mu     sync.Mutex
	err    error
	counts map[string]int
}

// Start starts a runner for dets.
func Start(ctx context.Context, st Store, log *slog.Logger, dets ...Detector) *Runner {
	r := &Runner{st: st, dets: dets, log: log, wake: make(chan struct{}, 1), done: make(chan struct{}),
		closed: make(chan struct{}), counts: map[string]int{}}
	go r.loop(ctx)
	return r
}

// Notify says that new items may have landed. It never blocks.
func (r *Runner) Notify() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

func (r *Runner) loop(ctx context.Context) {
	defer close(r.done)
	for {
		select {
		case <-r.wake:
		case <-r.closed:
			r.catchUp(ctx) // the last batches
			return
		case <-ctx.Done():
			r.setErr(ctx.Err())
			return
		}
		r.catchUp(ctx)
	}
}

func (r *Runner) catchUp(ctx context.Context) {
	for _, d := range r.dets {
		if r.failed() {
			return
		}
		n, err := CatchUp(ctx, r.st, d, 0)
		r.mu.Lock()
		r.counts[d.Name()] += n
		r.mu.Unlock()
		if err != nil {
			r.setErr(err)
			r.log.Error("detector failed", "detector", d.Name(), "err", err)
		}
	}
}

func (r *Runner) failed() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err != nil
}

func (r *Runner) setErr(err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err == nil {
		r.err = err
	}
}

// Close runs a last catch-up, stops the runner and returns the first error any detector met.
func (r *Runner) Close() error {
	r.once.Do(func() { close(r.closed) })
	<-r.done
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.err
}

// Processed returns how many items each detector processed.
func (r *Runner) Processed() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.counts))
	for k, v := range r.counts {
		out[k] = v
	}
	return out
}

// ErrStopped is returned by detectors that were asked to stop.
var ErrStopped = errors.New("stopped")
