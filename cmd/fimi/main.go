// Command fimi finds, tracks and shares foreign information manipulation and interference:
// it ingests articles and posts, matches them to debunked claims, finds echoes and coordinated
// networks, and publishes findings. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"fimi/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
