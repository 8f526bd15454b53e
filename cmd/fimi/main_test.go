package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"fimi/internal/store/sqlite"
	"fimi/internal/testutil"
)

// fimi runs the binary and returns stdout, stderr and the exit code.
func fimi(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(testutil.Binary(t), args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func countItems(t *testing.T, db string) int64 {
	t.Helper()
	s, err := sqlite.Open(context.Background(), db, sqlite.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := s.CountItems(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Check(context.Background()); err != nil {
		t.Errorf("store check: %v", err)
	}
	return n
}

// TestKillNineAndRerun kills a large ingest with SIGKILL half way and checks that a re-run ends
// with exactly the right number of items and a consistent store.
func TestKillNineAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and ingests 150k items")
	}
	dir := t.TempDir()
	const n = 150000
	if _, stderr, code := fimi(t, "gen", "--items", "150000", "--seed", "3", "--out", dir); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	corpus := filepath.Join(dir, "corpus.jsonl")
	db := filepath.Join(dir, "fimi.db")
	cmd := exec.Command(testutil.Binary(t), "--db", db, "ingest", "--batch", "1000", corpus)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until some batches are committed (the WAL grows), then kill without warning.
	deadline := time.Now().Add(2 * time.Minute)
	for {
		fi, err := os.Stat(db + "-wal")
		if err == nil && fi.Size() > 8<<20 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("ingest made no progress")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	before := countItems(t, db)
	if before == 0 || before >= n {
		t.Fatalf("killed ingest left %d items; the kill must land mid-way (0 < n < %d)", before, n)
	}
	out, stderr, code := fimi(t, "--db", db, "--json", "ingest", corpus)
	if code != 0 {
		t.Fatalf("re-run exit %d: %s", code, stderr)
	}
	var sum struct{ Read, Stored, Merged, Unchanged, Rejected int64 }
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("summary %q: %v", out, err)
	}
	if sum.Read != n || sum.Stored != n-before || sum.Unchanged != before || sum.Rejected != 0 {
		t.Errorf("re-run summary %+v with %d items before", sum, before)
	}
	if got := countItems(t, db); got != n {
		t.Errorf("items after re-run = %d, want %d", got, n)
	}
	// And once more: nothing changes.
	out, _, _ = fimi(t, "--db", db, "--json", "ingest", corpus)
	json.Unmarshal([]byte(out), &sum)
	if sum.Stored != 0 || sum.Merged != 0 || sum.Unchanged != n {
		t.Errorf("third run summary %+v", sum)
	}
}

func TestExitCodesAndJSON(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	good := filepath.Join(dir, "good.jsonl")
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(good, []byte(`{"id":"1","platform":"twitter","text":"Ракеты HIMARS ударили по Белгороду"}`+"\n"), 0o644)
	os.WriteFile(bad, []byte(`{"id":"2","platform":"twitter","text":"fine"}`+"\n{oops\n"), 0o644)
	if _, stderr, code := fimi(t, "--db", db, "ingest", good); code != 0 {
		t.Errorf("good ingest exit %d: %s", code, stderr)
	}
	out, _, code := fimi(t, "--db", db, "ingest", bad)
	rejects := filepath.Join(dir, "x.rejects.jsonl")
	if code != 3 || !strings.Contains(out, "rejected  1") || !strings.Contains(out, rejects) {
		t.Errorf("bad ingest exit %d, out %q", code, out)
	}
	if b, err := os.ReadFile(rejects); err != nil || !strings.Contains(string(b), `"line":2`) || !strings.Contains(string(b), `"record":"{oops"`) {
		t.Errorf("rejects file %q: %v", b, err)
	}
	if _, stderr, code := fimi(t, "--db", db, "ingest", filepath.Join(dir, "missing.jsonl")); code != 1 || !strings.Contains(stderr, "missing.jsonl") {
		t.Errorf("missing input exit %d: %s", code, stderr)
	}
	if _, _, code := fimi(t, "--db", db, "ingest", "--map", "nonsense=x", good); code != 2 {
		t.Errorf("bad --map exit %d, want 2", code)
	}
	out, _, code = fimi(t, "--db", db, "--json", "stats")
	var st struct {
		Items     int64
		Languages []struct {
			Key   string
			Count int64
		}
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 || st.Items != 2 {
		t.Errorf("stats --json = %q (%v)", out, err)
	}
	if st.Languages[0].Key != "ru" && st.Languages[1].Key != "ru" {
		t.Errorf("language not detected: %+v", st.Languages)
	}
	out, _, _ = fimi(t, "--db", db, "--json", "items", "-q", "белгород*")
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, "HIMARS") {
		t.Errorf("items search = %q", out)
	}
	// $FIMI_DB is the default database.
	cmd := exec.Command(testutil.Binary(t), "--json", "stats")
	cmd.Env = append(os.Environ(), "FIMI_DB="+db)
	b, err := cmd.Output()
	if err != nil || !strings.Contains(string(b), `"items":2`) {
		t.Errorf("FIMI_DB stats = %s, %v", b, err)
	}
}

// TestClaimsAndCoordCommands runs the claim and coordination commands end to end on a small
// generated corpus and on the QUT toolkit's fixture.
func TestClaimsAndCoordCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "c.db")
	if _, stderr, code := fimi(t, "gen", "--items", "3000", "--seed", "5", "--out", dir); code != 0 {
		t.Fatalf("gen: %s", stderr)
	}
	bad := filepath.Join(dir, "bad.jsonl")
	os.WriteFile(bad, []byte(`{"id":"x1","text":"a claim"}`+"\n"+`{"id":"x2","text":""}`+"\n"), 0o644)
	out, stderr, code := fimi(t, "--db", db, "--json", "claims", "import", filepath.Join(dir, "claims.jsonl"), bad)
	var sum struct {
		Stored, Rejected int
		Claims           int `json:"claims_in_store"`
	}
	if err := json.Unmarshal([]byte(out), &sum); err != nil || code != 3 || sum.Rejected != 1 || sum.Stored != sum.Claims || sum.Claims < 10 {
		t.Fatalf("claims import exit %d: %s %s", code, out, stderr)
	}
	out, _, code = fimi(t, "--db", db, "--json", "claims", "import", filepath.Join(dir, "claims.jsonl"))
	if code != 0 || !strings.Contains(out, `"stored":0`) {
		t.Errorf("re-import exit %d: %s", code, out)
	}
	out, _, _ = fimi(t, "--db", db, "--json", "ingest", filepath.Join(dir, "corpus.jsonl"))
	if !strings.Contains(out, `"matched_against_claims":3000`) {
		t.Errorf("ingest did not match every item: %s", out)
	}
	out, _, code = fimi(t, "--db", db, "--json", "matches", "--limit", "5")
	if code != 0 || strings.Count(out, "\n") == 0 || !strings.Contains(out, `"claim"`) {
		t.Errorf("matches exit %d: %q", code, out)
	}
	out, _, code = fimi(t, "--db", db, "--json", "match", "--all", "American officers personally aim the HIMARS strikes on Belgorod")
	if code != 0 || !strings.Contains(out, `"ClaimID"`) && !strings.Contains(out, `"claim`) {
		t.Errorf("match text exit %d: %s", code, out)
	}
	queries := filepath.Join(dir, "q.tsv")
	os.WriteFile(queries, []byte("q1\tUS officers aim HIMARS at Belgorod\nq2\tweather is nice today\n"), 0o644)
	out, _, code = fimi(t, "--db", db, "match", "--queries", queries, "--top", "3")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	var first struct {
		Query   string
		Matches []struct {
			Claim string
			Score float64
		}
	}
	if code != 0 || len(lines) != 2 || json.Unmarshal([]byte(lines[0]), &first) != nil || first.Query != "q1" {
		t.Errorf("batch match exit %d: %q", code, out)
	}

	// Coordination on the QUT fixture: a stored run, JSON with nodes, edges and networks, exports.
	qut := testutil.Dataset(t, "qut_coordination_toolkit_fixtures")
	qdb := filepath.Join(dir, "q.db")
	if _, stderr, code := fimi(t, "--db", qdb, "ingest", "--platform", "twitter", "--map", "id=message_id", "--map", "account=user_id",
		"--map", "shares=repost_id", "--map", "text=message", "--map", "published=timestamp", filepath.Join(qut, "coretweet_test_input.csv")); code != 0 {
		t.Fatalf("ingest qut: %s", stderr)
	}
	gexf := filepath.Join(dir, "n.gexf")
	out, stderr, code = fimi(t, "--db", qdb, "--json", "coord", "--type", "co-share", "--window", "60s", "--min-weight", "1", "--out", gexf)
	var res struct {
		Nodes    []json.RawMessage
		Edges    []json.RawMessage
		Networks []json.RawMessage
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 || len(res.Nodes) != 6 || len(res.Edges) == 0 {
		t.Fatalf("coord exit %d (%v): %d nodes; %s %s", code, err, len(res.Nodes), out, stderr)
	}
	if b, err := os.ReadFile(gexf); err != nil || !strings.Contains(string(b), "<gexf") {
		t.Errorf("gexf export: %v", err)
	}
	if out, _, code := fimi(t, "--db", qdb, "networks", "--runs"); code != 0 || !strings.Contains(out, "run 1") {
		t.Errorf("networks --runs exit %d: %s", code, out)
	}
}

// TestEchoCommands ingests a story with a copy, a rewording and a translation amid unrelated
// posts, checks the group fimi echoes and fimi echo report, that a later copy ingested by
// another process joins the same group, and the pair mode of fimi compare.
func TestEchoCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	story := "Ukrainian officials said on Thursday that 14 HIMARS launchers supplied by the United States struck an ammunition depot near Belgorod, destroying 230 tonnes of shells, according to governor Vyacheslav Gladkov."
	posts := []map[string]string{
		{"id": "1", "account": "alpha", "published": "2024-05-30T10:00:00Z", "lang": "en", "text": story},
		{"id": "2", "account": "beta", "published": "2024-05-30T10:05:00Z", "lang": "en", "text": "BREAKING: " + story},
		{"id": "3", "account": "gamma", "published": "2024-05-30T11:00:00Z", "lang": "en",
			"text": "According to governor Vyacheslav Gladkov, 14 HIMARS launchers supplied by the United States hit an ammunition depot near Belgorod on Thursday and destroyed 230 tonnes of shells, Ukrainian officials said."},
		{"id": "4", "account": "delta", "published": "2024-05-30T12:00:00Z", "lang": "de",
			"text": "Ukrainische Beamte sagten am Donnerstag, dass 14 von den Vereinigten Staaten gelieferte HIMARS-Raketenwerfer ein Munitionsdepot bei Belgorod getroffen und 230 Tonnen Granaten zerstört hätten, so Gouverneur Wjatscheslaw Gladkow."},
		{"id": "5", "account": "eps", "published": "2024-05-30T12:30:00Z", "lang": "en",
			"text": "The city council of Leeds approved a new budget for public libraries and swimming pools on Tuesday evening after a long debate among councillors about parking fees."},
		{"id": "6", "account": "zeta", "published": "2024-05-30T13:00:00Z", "lang": "en",
			"text": "Heavy rain is expected across northern Italy this weekend, with forecasters warning of floods in Piedmont and Lombardy and advising residents to avoid travel."},
	}
	write := func(name string, ps []map[string]string) string {
		var b strings.Builder
		for _, p := range ps {
			p["platform"] = "telegram"
			line, _ := json.Marshal(p)
			b.Write(line)
			b.WriteByte('\n')
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	if out, stderr, code := fimi(t, "--db", db, "--json", "ingest", write("a.jsonl", posts)); code != 0 || !strings.Contains(out, `"checked_for_echoes":6`) {
		t.Fatalf("ingest exit %d: %s %s", code, out, stderr)
	}
	type group struct {
		ID, First string
		Size      int
		Languages []string
		Relations map[string]int
	}
	groups := func() []group {
		t.Helper()
		out, stderr, code := fimi(t, "--db", db, "--json", "echoes")
		var res struct {
			Total  int
			Groups []group
		}
		if err := json.Unmarshal([]byte(out), &res); err != nil || code != 0 {
			t.Fatalf("echoes exit %d (%v): %s %s", code, err, out, stderr)
		}
		return res.Groups
	}
	gs := groups()
	if len(gs) != 1 || gs[0].Size != 4 || strings.Join(gs[0].Languages, ",") != "de,en" {
		t.Fatalf("groups = %+v, want one of 4 items in de and en", gs)
	}
	id := gs[0].ID
	if gs[0].Relations["copy"] != 1 || gs[0].Relations["rewording"] != 1 || gs[0].Relations["translation"] != 1 {
		t.Errorf("relations %v, want one copy, one rewording, one translation", gs[0].Relations)
	}
	out, _, code := fimi(t, "--db", db, "--json", "echo", id)
	var detail struct {
		Members []struct {
			Item, Relation, Lang string
			Diff                 []struct{ Kind, Text string }
		}
	}
	if err := json.Unmarshal([]byte(out), &detail); err != nil || code != 0 || len(detail.Members) != 4 {
		t.Fatalf("echo exit %d (%v): %s", code, err, out)
	}
	inserted := ""
	for _, m := range detail.Members {
		for _, op := range m.Diff {
			if op.Kind == "insert" {
				inserted += op.Text
			}
		}
		if m.Lang == "de" && m.Diff != nil {
			t.Errorf("translation got a diff: %+v", m)
		}
	}
	if !strings.Contains(inserted, "BREAKING") {
		t.Errorf("diffs do not show the copy's added prefix: %q", inserted)
	}
	if out, _, code := fimi(t, "--db", db, "echo", id); code != 0 || !strings.Contains(out, "{+BREAKING:+}") {
		t.Errorf("echo text exit %d: %s", code, out)
	}
	// A later copy, ingested by another process, joins the same group.
	later := []map[string]string{{"id": "7", "account": "eta", "published": "2024-05-30T14:00:00Z", "lang": "en", "text": story + " #Belgorod"}}
	if _, stderr, code := fimi(t, "--db", db, "ingest", write("b.jsonl", later)); code != 0 {
		t.Fatalf("second ingest: %s", stderr)
	}
	if gs := groups(); len(gs) != 1 || gs[0].ID != id || gs[0].Size != 5 {
		t.Errorf("after a later copy: %+v, want %s with 5 members", gs, id)
	}
	if _, _, code := fimi(t, "--db", db, "echo", "g-nope"); code != 1 {
		t.Errorf("missing group exit %d, want 1", code)
	}

	// Pair mode.
	pairs := filepath.Join(dir, "pairs.tsv")
	os.WriteFile(pairs, []byte(story+"\t"+"BREAKING: "+story+"\n"+
		posts[0]["text"]+"\t"+posts[3]["text"]+"\n"+
		posts[0]["text"]+"\t"+posts[4]["text"]+"\n"+
		"no tab here\n"), 0o644)
	out, _, code = fimi(t, "--json", "compare", "--pairs", pairs)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 3 || len(lines) != 4 {
		t.Fatalf("compare exit %d, %d lines: %s", code, len(lines), out)
	}
	want := []string{"copy", "translation", "none"}
	for i, l := range lines[:3] {
		var r struct {
			Line       int
			Relation   string
			Similarity float64
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil || r.Line != i+1 || r.Relation != want[i] || r.Similarity < 0 || r.Similarity > 1.5 {
			t.Errorf("line %d: %s (want %s)", i+1, l, want[i])
		}
	}
	if !strings.Contains(lines[3], `"error"`) || !strings.Contains(lines[3], "pairs.tsv:4") {
		t.Errorf("bad line: %s", lines[3])
	}
	if out, _, code := fimi(t, "compare", posts[0]["text"], posts[2]["text"]); code != 0 || !strings.HasPrefix(out, "1\trewording\t") {
		t.Errorf("compare two texts exit %d: %q", code, out)
	}
}
