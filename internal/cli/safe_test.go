package cli

import (
	"bytes"
	"testing"
)

func TestSafeWriter(t *testing.T) {
	for in, want := range map[string]string{
		"plain text\twith tab\n":                   "plain text\twith tab\n",
		"red \x1b[31malert\x1b[0m":                 "red [31malert[0m",
		"csi \u009b31m and bell \a":                "csi 31m and bell ",
		"override \u202eevil\u202c end":            "override evil end",
		"кириллица and 中文 stay":                    "кириллица and 中文 stay",
		"invalid \xff byte kept, del \x7f dropped": "invalid \xff byte kept, del  dropped",
	} {
		var b bytes.Buffer
		n, err := safeWriter{&b}.Write([]byte(in))
		if err != nil || n != len(in) || b.String() != want {
			t.Errorf("Write(%q) = %q (%d, %v), want %q", in, b.String(), n, err, want)
		}
	}
}
