package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/fimi"
	"fimi/internal/ingest"
	"fimi/internal/ingest/csv"
	"fimi/internal/ingest/jsonl"
	"fimi/internal/store"
	"fimi/internal/store/sqlite"
	"fimi/internal/testutil"
)

func newStore(t *testing.T) *sqlite.DB {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fimi.db"), sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var formats = []ingest.Format{jsonl.Format, csv.Format}

func run(t *testing.T, st ingest.Store, opt ingest.RunOptions, args ...string) ingest.Summary {
	t.Helper()
	if opt.Formats == nil {
		opt.Formats = formats
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	inputs, err := ingest.Expand(args, opt.Formats)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := ingest.Run(context.Background(), st, inputs, opt)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

func write(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func readRejects(t *testing.T, path string) []ingest.RejectLine {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []ingest.RejectLine
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<26)
	for sc.Scan() {
		var l ingest.RejectLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("rejects line %q: %v", sc.Text(), err)
		}
		out = append(out, l)
	}
	return out
}

func TestRejectsKeepGoodRecords(t *testing.T) {
	dir := t.TempDir()
	big := strings.Repeat("word ", 300)
	lines := []string{
		`{"id":"1","platform":"twitter","account":"a","text":"US weapons used near Kharkiv https://Example.com/x?utm_source=tw#top","published":"2024-05-30T10:00:00Z"}`,
		`{"id":"2","platform":"twitter","text":"broken json"`,
		"{\"id\":\"3\",\"platform\":\"twitter\",\"text\":\"bad \xc3\x28 bytes\"}",
		`{"id":"4","platform":"twitter","text":"   "}`,
		`{"id":"5","platform":"twitter","text":"` + big + `"}`,
		`{"id":"6","platform":"twitter","text":"bad date","published":"30 May"}`,
		`{"id":"7","platform":"twitter","account":"b","text":"Another good one #Belgorod @rybar","published":"2024-05-30T10:00:05Z"}`,
		`{"id":"8","platform":"web","url":"not a url","text":"x"}`,
	}
	in := write(t, dir, "posts.jsonl", strings.Join(lines, "\n")+"\n")
	st := newStore(t)
	rej := filepath.Join(dir, "fimi.rejects.jsonl")
	sum := run(t, st, ingest.RunOptions{Rejects: rej, MaxText: 1000}, in)
	if sum.Read != 8 || sum.Added != 2 || sum.Rejected != 6 {
		t.Fatalf("summary = %+v", sum)
	}
	rl := readRejects(t, rej)
	if len(rl) != 6 {
		t.Fatalf("%d reject lines", len(rl))
	}
	want := map[int]string{2: "malformed JSON", 3: "invalid UTF-8", 4: "empty", 5: "exceeds the cap", 6: "unrecognised date", 8: "not an absolute"}
	for _, l := range rl {
		if l.Input != in || !strings.Contains(l.Reason, want[l.Line]) {
			t.Errorf("reject line %d: %+v, want reason containing %q", l.Line, l, want[l.Line])
		}
		if l.Line == 3 {
			if string(l.RecordBase64) != lines[2] {
				t.Errorf("invalid UTF-8 record not kept verbatim: %q", l.RecordBase64)
			}
		} else if l.Record == nil || *l.Record != lines[l.Line-1] {
			t.Errorf("line %d not kept verbatim: %v", l.Line, l.Record)
		}
	}
	if rl[4].Field != "published" {
		t.Errorf("bad date reject field = %q", rl[4].Field)
	}
	it, err := st.Item(context.Background(), fimi.ItemID("twitter", "1", ""))
	if err != nil {
		t.Fatal(err)
	}
	if len(it.URLs) != 1 || it.URLs[0] != "https://example.com/x" || it.Lang != "" {
		t.Errorf("item 1 = %+v", it)
	}
	it7, _ := st.Item(context.Background(), fimi.ItemID("twitter", "7", ""))
	if len(it7.Hashtags) != 1 || it7.Hashtags[0] != "belgorod" || it7.Mentions[0] != "rybar" {
		t.Errorf("item 7 = %+v", it7)
	}
}

func TestIdempotentAndMergedAcrossFormats(t *testing.T) {
	dir := t.TempDir()
	var jl, cs strings.Builder
	cs.WriteString("id;platform;account;text;published;urls\n")
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&jl, `{"id":"%d","platform":"telegram","account":"ch%d","text":"message %d about the front","published":"2024-06-01T00:00:%02dZ"}`+"\n", i, i%50, i, i%60)
		if i%2 == 0 { // half of them again, as CSV, with an extra link
			fmt.Fprintf(&cs, "%d;telegram;ch%d;message %d about the front;2024-06-01T00:00:%02dZ;https://t.me/x/%d\n", i, i%50, i, i%60, i)
		}
	}
	a := write(t, dir, "a.jsonl", jl.String())
	b := write(t, dir, "b.csv", cs.String())
	st := newStore(t)
	ctx := context.Background()
	s1 := run(t, st, ingest.RunOptions{BatchSize: 700}, a)
	if s1.Added != 5000 {
		t.Fatalf("first run = %+v", s1)
	}
	s2 := run(t, st, ingest.RunOptions{}, a)
	if s2.Added != 0 || s2.Merged != 0 || s2.Unchanged != 5000 {
		t.Fatalf("re-run = %+v", s2)
	}
	s3 := run(t, st, ingest.RunOptions{}, b)
	if s3.Added != 0 || s3.Merged != 2500 {
		t.Fatalf("csv run = %+v", s3)
	}
	s4 := run(t, st, ingest.RunOptions{}, dir) // the directory: both files again
	if s4.Added != 0 || s4.Merged != 0 || s4.Unchanged != 7500 || s4.Inputs != 2 {
		t.Fatalf("dir run = %+v", s4)
	}
	if n, _ := st.CountItems(ctx); n != 5000 {
		t.Errorf("count = %d", n)
	}
	it, _ := st.Item(ctx, fimi.ItemID("telegram", "42", ""))
	raws, _ := st.ItemRaws(ctx, it.ID)
	if len(it.URLs) != 1 || len(raws) != 2 || raws[1].Format != "csv" || !strings.HasSuffix(raws[1].Origin, "b.csv:23") {
		t.Errorf("merged item = %+v raws %+v", it, raws)
	}
}

func TestStdinAndFormatSelection(t *testing.T) {
	st := newStore(t)
	opt := ingest.RunOptions{Stdin: strings.NewReader("id,text\n1,hello from stdin\n")}
	sum := run(t, st, opt, "-")
	if sum.Added != 1 {
		t.Fatalf("stdin = %+v", sum)
	}
	inputs, _ := ingest.Expand([]string{"-"}, formats)
	_, err := ingest.Run(context.Background(), st, inputs, ingest.RunOptions{Formats: formats, Format: "xml", Stdin: strings.NewReader("x")})
	if err != nil {
		t.Fatal(err)
	}
	s, _ := ingest.Run(context.Background(), st, inputs, ingest.RunOptions{Formats: formats, Format: "xml", Stdin: strings.NewReader("x")})
	if s.Failed != 1 || !strings.Contains(s.Errors[0], `unknown format "xml"`) {
		t.Errorf("unknown format: %+v", s)
	}
	s, _ = ingest.Run(context.Background(), st, inputs, ingest.RunOptions{Formats: formats, Stdin: strings.NewReader("just some words")})
	if s.Failed != 1 || !strings.Contains(s.Errors[0], "--format") {
		t.Errorf("unknown content: %+v", s)
	}
}

// TestSharedCoordinationCSVs loads the real CooRTweet and QUT files with --map alone.
func TestSharedCoordinationCSVs(t *testing.T) {
	coor := testutil.Dataset(t, "coortweet_coordination")
	qut := testutil.Dataset(t, "qut_coordination_toolkit_fixtures")
	ctx := context.Background()
	mapOf := func(pairs ...string) map[string]string {
		m, err := ingest.ParseMap(pairs)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	t.Run("CooRTweetRussian", func(t *testing.T) {
		st := newStore(t)
		sum := run(t, st, ingest.RunOptions{Platform: "twitter", Map: mapOf("id=content_id", "account=account_id", "shares=object_id", "published=timestamp_share")},
			filepath.Join(coor, "russian_coord_tweets.csv"))
		// 35,125 rows, 35,085 distinct retweet ids: the 40 repeated rows merge.
		if sum.Read != 35125 || sum.Rejected != 0 || sum.Added != 35085 || sum.Added+sum.Merged+sum.Unchanged != 35125 {
			t.Fatalf("summary = %+v", sum)
		}
		items, _ := st.Items(ctx, store.ItemQuery{Limit: 1})
		if items[0].SharesID == "" || items[0].Account == "" || items[0].Published.Year() != 2021 {
			t.Errorf("item = %+v", items[0])
		}
	})
	t.Run("CooRTweetGerman", func(t *testing.T) {
		st := newStore(t)
		sum := run(t, st, ingest.RunOptions{Map: mapOf("id=post_id", "account=account_id", "urls=url_id", "hashtags=hashtag_id", "published=timestamp")},
			filepath.Join(coor, "german_elections.csv"))
		// One row per (post, object): 218,971 rows of 194,323 posts, and 3 rows that hold nothing
		// but an account and a time (no post id, link, hashtag or image), rejected as empty.
		if sum.Read != 218971 || sum.Rejected != 3 || sum.Added != 194323 || sum.Added+sum.Merged+sum.Unchanged+sum.Rejected != sum.Read {
			t.Fatalf("summary = %+v", sum)
		}
	})
	t.Run("QUT", func(t *testing.T) {
		m := mapOf("id=message_id", "account=user_id", "shares=repost_id", "reply_to=reply_id", "text=message", "published=timestamp", "urls=urls")
		// The two files reuse message ids 0..14, so each goes to its own store.
		sum := run(t, newStore(t), ingest.RunOptions{Platform: "twitter", Map: m}, filepath.Join(qut, "coretweet_test_input.csv"))
		if sum.Read != 15 || sum.Rejected != 0 || sum.Added != 15 {
			t.Fatalf("coretweet summary = %+v", sum)
		}
		st := newStore(t)
		sum = run(t, st, ingest.RunOptions{Platform: "twitter", Map: m}, filepath.Join(qut, "sample_data.csv"))
		if sum.Read != 100 || sum.Rejected != 0 || sum.Added != 100 {
			t.Fatalf("sample summary = %+v", sum)
		}
		it, err := st.Item(ctx, fimi.ItemID("twitter", "2", ""))
		if err != nil {
			t.Fatal(err)
		}
		if len(it.URLs) != 2 || it.URLs[0] != "http://example.com/4" || it.SharesID != fimi.ItemID("twitter", "1", "") {
			t.Errorf("sample row 2 = %+v", it)
		}
	})
}
