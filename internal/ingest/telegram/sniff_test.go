package telegram

import (
	"testing"
)

func TestSniff(t *testing.T) {
	channel := readFixture(t, "channel.json")
	account := readFixture(t, "account.json")
	tests := []struct {
		name string
		head string
		want bool
	}{
		{"channel export", string(channel[:512]), true},
		{"channel export, short head", string(channel[:90]), true},
		{"channel export with BOM", "\xef\xbb\xbf" + string(channel[:300]), true},
		{"account export", string(account[:512]), true},
		{"account export, about only", string(account[:130]), true},
		{"saved messages", "{\n \"type\": \"saved_messages\",\n \"id\": 5123456789,\n \"messages\": [\n  {", true},
		{"group export, whole file", `{"name": "g", "type": "private_group", "id": 1, "messages": []}`, true},
		{"JSON Lines of posts", `{"name": "Канал", "type": "public_channel", "text": "пост 1"}` + "\n" + `{"name": "Канал", "type": "public_channel", "text": "пост 2"}`, false},
		{"JSON Lines, chat-like lines", `{"name": "Канал", "type": "public_channel", "id": 1}` + "\n" + `{"name": "Канал", "type": "public_channel", "id": 2}` + "\n", false},
		{"JSON Lines, long first line", `{"name": "Канал", "type": "public_channel", "id": 1, "text": "` + string(make([]byte, 10)) + `"`, false},
		{"post object", `{"type": "message", "name": "x", "id": 1, "messages": []}`, false},
		{"object without chat type", `{"name": "x", "type": "article", "id": 1, "messages": [`, false},
		{"other keys first", `{"id": 1, "title": "x", "type": "public_channel"`, false},
		{"about but not an export", `{"about": "Our company", "team": []}`, false},
		{"about with chat keys", `{"about": "Telegram", "name": "x", "type": "public_channel"}`, false},
		{"array", `[{"name": "x", "type": "public_channel"}]`, false},
		{"empty", ``, false},
		{"not JSON", "name,type\nx,public_channel\n", false},
		{"RSS", `<?xml version="1.0"?><rss>`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Sniff([]byte(tt.head)); got != tt.want {
				t.Errorf("Sniff = %v, want %v", got, tt.want)
			}
		})
	}
}
