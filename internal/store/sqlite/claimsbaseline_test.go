package sqlite

import (
	"context"
	"reflect"
	"testing"

	"fimi/internal/fimi"
)

func TestClaimsBaseline(t *testing.T) {
	ctx := context.Background()
	b, err := NewClaimsBaseline(ctx, []fimi.Claim{
		{ID: "a", Text: "NATO troops are massing at the border", Title: "NATO at the border"},
		{ID: "b", Text: "Vaccines contain microchips", Title: "Do vaccines contain chips?"},
		{ID: "c", Text: "The border is closed", Title: "Border closed"},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	for _, tt := range []struct {
		q    string
		k    int
		want []string
	}{
		{`NATO "troops" at the border? OR AND NOT NEAR(`, 2, []string{"a", "c"}},
		{"microchips in vaccines!", 5, []string{"b"}},
		{"!!! ...", 5, nil},
		{"unrelated words", 5, nil},
	} {
		got, err := b.Search(ctx, tt.q, tt.k)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Search(%q) = %v, %v; want %v", tt.q, got, err, tt.want)
		}
	}
	if q := BaselineQuery(`Ça "va" ça`); q != `"ça" OR "va"` {
		t.Errorf("BaselineQuery = %s", q)
	}
}
