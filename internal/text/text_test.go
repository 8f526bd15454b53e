package text

import (
	"errors"
	"reflect"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Hello\t\tworld  ", "Hello world"},
		{"ﬁnance ①", "finance 1"},  // NFKC compatibility forms
		{"a\u200bb\u00adc", "abc"}, // zero-width and soft hyphen
		{"line one  \n\n\n\n  line two\r\n3", "line one\n\nline two\n3"},
		{"\n\n  lead", "lead"},
		{"Київ\u00a0— столиця", "Київ — столиця"}, // no-break space
		{"e\u0301", "é"},                          // composed
		{"ctl\x07char", "ctlchar"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	a := Fold("BREAKING: US officers aim HIMARS at Belgorod!!! https://t.co/xyz?utm_source=a @rt_com")
	b := Fold("breaking — us officers aim himars at belgorod https://other.example/p")
	if a != b || a != "breaking us officers aim himars at belgorod" {
		t.Fatalf("Fold mismatch: %q vs %q", a, b)
	}
	if got := Fold("Зеленський, мандат!"); got != "зеленський мандат" {
		t.Errorf("Fold cyrillic = %q", got)
	}
	if got := Fold("mail me: a@b.com"); got != "mail me a b com" {
		t.Errorf("Fold email = %q", got)
	}
}

func TestCanonicalURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTPS://WWW.Example.COM:443/a/b?utm_source=x&b=2&a=1#frag", "https://www.example.com/a/b?a=1&b=2"},
		{"http://example.com:80", "http://example.com/"},
		{"http://example.com:8080/x?fbclid=abc&gclid=1", "http://example.com:8080/x"},
		{"www.rt.com/news/1", "http://www.rt.com/news/1"},
		{"https://user:pw@example.com/a/./b/../c", "https://example.com/a/c"},
		{"https://example.com/path?UTM_Campaign=z&id=5", "https://example.com/path?id=5"},
		{"https://[::1]:443/", "https://[::1]/"},
		{"https://пример.рф/Путь", "https://xn--e1afmkfd.xn--p1ai/%D0%9F%D1%83%D1%82%D1%8C"},
	}
	for _, tt := range tests {
		got, err := CanonicalURL(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("CanonicalURL(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"", "ftp://x.org/a", "javascript:alert(1)", "/relative/path", "mailto:a@b.c", "http://"} {
		if _, err := CanonicalURL(bad); !errors.Is(err, ErrNotURL) {
			t.Errorf("CanonicalURL(%q) err = %v, want ErrNotURL", bad, err)
		}
	}
}

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"https://www.rt.com/news/1":   "rt.com",
		"http://ria.ru:8080/x":        "ria.ru",
		"https://sub.example.org?x=1": "sub.example.org",
		"https://[::1]/":              "::1",
		"not a url":                   "",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtract(t *testing.T) {
	s := "Read https://example.com/a?b=1. and (see www.rt.com/x) #Kharkiv #ВСУ #2024 #kharkiv @Rybar, mail a@b.com https://x.org/p#frag #end"
	if got, want := ExtractURLs(s), []string{"https://example.com/a?b=1", "http://www.rt.com/x", "https://x.org/p#frag"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ExtractURLs = %q, want %q", got, want)
	}
	if got, want := ExtractHashtags(s), []string{"kharkiv", "всу", "end"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ExtractHashtags = %q, want %q", got, want)
	}
	if got, want := ExtractMentions(s), []string{"rybar"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ExtractMentions = %q, want %q", got, want)
	}
}

func TestTidyASCII(t *testing.T) {
	for s, want := range map[string]bool{"": true, "a b": true, "a  b": false, " a": false, "a ": false, "a\nb": false, "é": false, "x!": true} {
		if got := tidyASCII(s); got != want {
			t.Errorf("tidyASCII(%q) = %v", s, got)
		}
		if want && Normalize(s) != s {
			t.Errorf("Normalize changed tidy %q", s)
		}
	}
}

func BenchmarkPrepareText(b *testing.B) {
	s := "BREAKING: US officers personally aim the HIMARS strikes on Belgorod, sources say. https://t.co/abc?utm_source=x #Kharkiv @rybar Ракеты HIMARS ударили по Белгороду"
	b.ReportAllocs()
	for b.Loop() {
		Normalize(s)
		Fold(s)
		ExtractURLs(s)
		ExtractHashtags(s)
		ExtractMentions(s)
	}
}
