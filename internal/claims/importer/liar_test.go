package importer

import (
	"path/filepath"
	"strings"
	"testing"

	"fimi/internal/testutil"
)

func TestLIARShared(t *testing.T) {
	dir := testutil.Dataset(t, "liar_politifact")
	total := 0
	ids := map[string]bool{}
	verdicts := map[string]int{}
	for _, f := range []struct {
		name string
		n    int
	}{{"train.tsv", 10269}, {"valid.tsv", 1284}, {"test.tsv", 1283}} {
		d := decodeFile(t, "auto", filepath.Join(dir, f.name), Options{})
		if d.format != "liar" || len(d.good) != f.n || len(d.bad) != 0 {
			t.Fatalf("%s: format %s, %d claims, %d rejects; want %d, 0", f.name, d.format, len(d.good), len(d.bad), f.n)
		}
		for _, r := range d.good {
			ids[r.Claim.ID] = true
			verdicts[r.Claim.Verdict]++
		}
		total += len(d.good)
	}
	if total != 12836 || len(ids) != 12836 {
		t.Errorf("%d claims, %d ids; want 12,836", total, len(ids))
	}
	// pants-fire 1,050 + false 2,511; barely-true 2,108; half-true 2,638; mostly-true 2,466; true 2,063.
	want := map[string]int{VerdictFalse: 3561, VerdictMostlyFalse: 2108, VerdictMixed: 2638, VerdictMostlyTrue: 2466, VerdictTrue: 2063}
	for v, n := range want {
		if verdicts[v] != n {
			t.Errorf("%d claims %s, want %d", verdicts[v], v, n)
		}
	}
}

func TestLIARMalformed(t *testing.T) {
	row := func(f ...string) string { return strings.Join(f, "\t") + "\n" }
	in := row("2635.json", "false", "Says the \"group\" supports X.", "abortion,health-care", "dwayne-bohac", "State representative", "Texas", "republican", "0", "1", "0", "0", "0", "a mailer") +
		row("1.json", "false", "Thirteen fields.", "a", "b", "c", "d", "e", "0", "0", "0", "0", "0") +
		row("2.json", "sort-of", "Bad label.", "a", "b", "c", "d", "e", "0", "0", "0", "0", "0", "ctx") +
		"\n" +
		row("3.json", "true", "caf\xe9", "a", "b", "c", "d", "e", "0", "0", "0", "0", "0", "ctx") +
		row("4.json", "half-true", "", "a", "b", "c", "d", "e", "0", "0", "0", "0", "0", "ctx")
	d := decodeString(t, "auto", "train.tsv", in, Options{})
	if d.format != "liar" || len(d.good) != 1 {
		t.Fatalf("format %s, %d claims", d.format, len(d.good))
	}
	c := d.good[0].Claim
	if c.ID != "2635.json" || c.Text != `Says the "group" supports X.` || c.Verdict != VerdictFalse || c.Rating != "false" ||
		c.Publisher != "PolitiFact" || strings.Join(c.Keywords, "|") != "abortion|health-care" || strings.Join(c.Tags, "|") != "speaker:dwayne-bohac" ||
		!strings.Contains(string(c.Raw), `"context":"a mailer"`) {
		t.Errorf("claim %+v", c)
	}
	checkRejects(t, d.bad, []wantReject{
		{2, "has 13 fields, want 14", ""},
		{3, `field label: "sort-of": want pants-fire`, "label"},
		{5, "invalid UTF-8 at byte 15", ""},
		{6, "no claim text", ""},
	})
}
