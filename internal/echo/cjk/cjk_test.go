package cjk

import (
	"errors"
	"io/fs"
	"os"
	"slices"
	"testing"
)

func TestLoadFixture(t *testing.T) {
	u, err := Load("testdata")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ in, want string }{
		{"自殺", "自杀"}, // traditional/Japanese 殺 → 杀
		{"小説", "小说"}, // Japanese 説 → (kZVariant 說) → 说
		{"書", "書"},   // no variant in the fixture
		{"abc", "abc"},
	} {
		if got := u.Simplify(tc.in); got != tc.want {
			t.Errorf("Simplify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if g := u.Glosses('杀'); !slices.Equal(g, []string{"kill", "slaughter", "murder", "hurt"}) {
		t.Errorf("glosses of 杀: %q", g)
	}
	if g := u.Glosses('㐂'); !slices.Equal(g, []string{"like", "love", "enjoy", "a joyful thing"}) {
		t.Errorf("glosses of 㐂: %q", g)
	}
	zh := u.Chinese([]string{"自殺", "小説", "シンポジウム", "殺"}, func(w string) []string {
		return map[string][]string{"自殺": {"suicide"}, "小説": {"novel", "story"}, "殺": {"killing"}}[w]
	})
	for w, want := range map[string][]string{"自杀": {"suicide"}, "小说": {"novel", "story"}, "书": {"book", "letter", "document", "writings"}, "杀": {"kill", "slaughter", "murder", "hurt"}} {
		if got := zh.ToEnglish(w); !slices.Equal(got, want) {
			t.Errorf("ToEnglish(%q) = %q, want %q", w, got, want)
		}
	}
	if zh.ToEnglish("シンポジウム") != nil || len(zh.Words()) != 6 {
		t.Errorf("words %q", zh.Words())
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(t.TempDir())
	if !errors.Is(err, ErrNotInstalled) || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err %v", err)
	}
}

// TestInstalled reads the Unihan database of Debian's unicode-data package when present.
func TestInstalled(t *testing.T) {
	u, err := Default()
	if errors.Is(err, ErrNotInstalled) {
		if os.Getenv("FIMI_REQUIRE_DATASETS") == "1" {
			t.Fatalf("%v (FIMI_REQUIRE_DATASETS=1)", err)
		}
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if u.Simplify("東京說話") != "东京说话" {
		t.Errorf("Simplify: %q", u.Simplify("東京說話"))
	}
	if len(u.Glosses('书')) == 0 || len(u.defs) < 20000 {
		t.Errorf("%d definitions", len(u.defs))
	}
}
