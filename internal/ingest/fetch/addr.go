package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"syscall"
)

// ErrPrivateAddress is wrapped (through *AddressError) by every error caused by a refusal to
// connect to a loopback, private, link-local or otherwise non-public address. Branch on it with
// errors.Is.
var ErrPrivateAddress = errors.New("private address")

// AddressError reports a connection refused because its destination is not a public address.
// It unwraps to ErrPrivateAddress.
type AddressError struct {
	IP     netip.Addr // the address that would have been dialled
	Reason string     // why it is refused, e.g. "loopback address"
}

// Error names the address, the reason and how to allow it.
func (e *AddressError) Error() string {
	return fmt.Sprintf("refusing to connect to %s (%s); use --allow-private to allow private, loopback and link-local addresses", e.IP, e.Reason)
}

// Unwrap returns ErrPrivateAddress.
func (e *AddressError) Unwrap() error { return ErrPrivateAddress }

// blockedRange is one range of destinations that are refused unless Options.AllowPrivate is set.
type blockedRange struct {
	prefix netip.Prefix
	reason string
}

// blockedRanges lists refused destinations, most specific first (the first match names the
// reason). IPv4-mapped and NAT64 IPv6 addresses are checked through the IPv4 address they embed.
var blockedRanges = func() []blockedRange {
	list := []struct{ cidr, reason string }{
		{"169.254.169.254/32", "link-local address, cloud metadata endpoint"},
		{"fd00:ec2::254/128", "unique local address, cloud metadata endpoint"},
		{"0.0.0.0/8", "unspecified address"},
		{"::/128", "unspecified address"},
		{"127.0.0.0/8", "loopback address"},
		{"::1/128", "loopback address"},
		{"10.0.0.0/8", "private address, RFC 1918"},
		{"172.16.0.0/12", "private address, RFC 1918"},
		{"192.168.0.0/16", "private address, RFC 1918"},
		{"100.64.0.0/10", "shared address space, CGNAT, RFC 6598"},
		{"169.254.0.0/16", "link-local address"},
		{"fe80::/10", "link-local address"},
		{"fc00::/7", "unique local address, RFC 4193"},
		{"fec0::/10", "site-local address"},
		{"224.0.0.0/4", "multicast address"},
		{"ff00::/8", "multicast address"},
		{"255.255.255.255/32", "broadcast address"},
		{"240.0.0.0/4", "reserved address"},
		{"192.0.0.0/24", "IETF protocol assignment address"},
		{"198.18.0.0/15", "benchmarking address"},
	}
	out := make([]blockedRange, len(list))
	for i, r := range list {
		out[i] = blockedRange{netip.MustParsePrefix(r.cidr), r.reason}
	}
	return out
}()

var nat64 = netip.MustParsePrefix("64:ff9b::/96")

// classify reports whether ip is refused by default and why. It is pure and safe for
// concurrent use.
func classify(ip netip.Addr) (reason string, blocked bool) {
	ip = ip.WithZone("")
	if !ip.IsValid() {
		return "invalid address", true
	}
	via := ""
	switch {
	case ip.Is4In6():
		ip, via = ip.Unmap(), "IPv4-mapped "
	case ip.Is6() && nat64.Contains(ip):
		b := ip.As16()
		ip, via = netip.AddrFrom4([4]byte{b[12], b[13], b[14], b[15]}), "NAT64 "
	}
	for _, r := range blockedRanges {
		if r.prefix.Contains(ip) {
			return via + r.reason, true
		}
	}
	return "", false
}

// checkDial is a net.Dialer Control function: it runs after name resolution, for every address
// actually dialled, so that DNS answers and redirects cannot lead to a refused address.
func checkDial(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("check address %q: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return fmt.Errorf("check address %q: %w", address, err)
	}
	if reason, blocked := classify(ip); blocked {
		return &AddressError{IP: ip.WithZone(""), Reason: reason}
	}
	return nil
}
