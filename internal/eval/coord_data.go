package eval

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"fimi/internal/coord"
	"fimi/internal/fimi"
	"fimi/internal/gen"
	"fimi/internal/ingest"
	"fimi/internal/ingest/jsonl"
)

// genTruth is what the coordination evaluation needs from a fimi gen truth file.
type genTruth struct {
	member map[string]string // account -> network
	kind   map[string]string // network -> co-link | co-share | co-text
	family map[string]string // item -> echo family (for echo text keys)
	copies map[string]bool   // items that are an original or a near-verbatim copy
	virals int
}

func readGenTruth(r io.Reader, families bool) (*genTruth, error) {
	t := &genTruth{member: map[string]string{}, kind: map[string]string{}, family: map[string]string{}, copies: map[string]bool{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	coordPrefix := []byte(`{"type":"coord"`)
	echoPrefix := []byte(`{"type":"echo"`)
	viralPrefix := []byte(`{"type":"viral"`)
	for sc.Scan() {
		line := sc.Bytes()
		switch {
		case hasPrefix(line, coordPrefix):
			var c struct{ Network, Account, Kind string }
			if err := json.Unmarshal(line, &c); err != nil {
				return nil, fmt.Errorf("truth: %w", err)
			}
			t.member[c.Account] = c.Network
			t.kind[c.Network] = c.Kind
		case families && hasPrefix(line, echoPrefix):
			var e struct{ Family, Item, Relation string }
			if err := json.Unmarshal(line, &e); err != nil {
				return nil, fmt.Errorf("truth: %w", err)
			}
			t.family[e.Item] = e.Family
			if e.Relation == "original" || e.Relation == "copy" {
				t.copies[e.Item] = true
			}
		case hasPrefix(line, viralPrefix):
			t.virals++
		}
	}
	return t, sc.Err()
}

func hasPrefix(b, p []byte) bool { return len(b) >= len(p) && string(b[:len(p)]) == string(p) }

// decodeItems decodes fimi's default JSONL layout from r, normalises every item with
// ingest.Prepare (no language detection) and calls fn; records that fail are counted and
// skipped. fn must not keep the item pointer.
func decodeItems(ctx context.Context, r io.Reader, name string, fn func(*fimi.Item) error) (n, bad int64, err error) {
	d := jsonl.NewDecoder(r, ingest.Options{Name: name})
	for {
		rec, err := d.Next()
		if errors.Is(err, io.EOF) {
			return n, bad, nil
		}
		if err != nil {
			return n, bad, err
		}
		if n%65536 == 0 && ctx.Err() != nil {
			return n, bad, ctx.Err()
		}
		if rec.Err != nil {
			bad++
			continue
		}
		it := rec.Item
		it.Raw = nil
		if err := ingest.Prepare(&it, rec.NoText, 0, nil); err != nil {
			bad++
			continue
		}
		n++
		if err := fn(&it); err != nil {
			return n, bad, err
		}
	}
}

// streamGen generates a fimi gen corpus and decodes it as it is written (io.Pipe, no file),
// calling fn on every item in time order. The truth file goes to truth (io.Discard is fine).
func streamGen(ctx context.Context, opt gen.Options, truth io.Writer, fn func(*fimi.Item) error) (gen.Summary, int64, error) {
	pr, pw := io.Pipe()
	type res struct {
		sum gen.Summary
		err error
	}
	done := make(chan res, 1)
	go func() {
		sum, err := gen.Write(ctx, opt, pw, truth, io.Discard)
		pw.CloseWithError(err)
		done <- res{sum, err}
	}()
	n, _, err := decodeItems(ctx, pr, "gen", fn)
	pr.CloseWithError(errors.New("decoder stopped"))
	g := <-done
	if err == nil {
		err = g.err
	}
	return g.sum, n, err
}

// genPost maps a gen item onto a coord post: the native id names the post (as in the truth
// file) and text keys come from textKey.
func genPost(it *fimi.Item, textKey string) coord.Post {
	p := coord.PostFromItem(it, textKey)
	p.Item = it.NativeID
	return p
}

// writeGen writes a gen corpus and truth into dir.
func writeGen(ctx context.Context, opt gen.Options, dir string) (corpus, truth string, err error) {
	corpus, truth = filepath.Join(dir, "corpus.jsonl"), filepath.Join(dir, "truth.jsonl")
	cf, err := os.Create(corpus)
	if err != nil {
		return "", "", err
	}
	defer cf.Close()
	tf, err := os.Create(truth)
	if err != nil {
		return "", "", err
	}
	defer tf.Close()
	if _, err := gen.Write(ctx, opt, cf, tf, io.Discard); err != nil {
		return "", "", err
	}
	if err := cf.Close(); err != nil {
		return "", "", err
	}
	return corpus, truth, tf.Close()
}
