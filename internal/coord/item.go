package coord

import "fimi/internal/fimi"

// PostFromItem maps a normalised item onto a Post: its id, account, outlet, publication time,
// links, shared and replied items and hashtags. textKey is the co-text key (an echo group id);
// empty means the item's content hash, so that only identical normalised texts match. The
// account is taken as it is: callers mixing platforms whose handles may collide should prefix
// it with the platform.
func PostFromItem(it *fimi.Item, textKey string) Post {
	if textKey == "" {
		textKey = it.Hash
	}
	return Post{
		Item:     it.ID,
		Account:  it.Account,
		Outlet:   it.Outlet,
		Time:     it.Published,
		URLs:     it.URLs,
		Shares:   it.SharesID,
		TextKey:  textKey,
		Hashtags: it.Hashtags,
		ReplyTo:  it.ReplyToID,
	}
}
