#!/usr/bin/env bash
# Record the README's REPL transcript: drive the real binary in tmux (keystrokes, a bracketed
# paste, Tab, Ctrl-C, a restart) and print the screen text.
#   scripts/repl_demo.sh [path/to/numpyx]   (default: target/debug/numpyx)
set -euo pipefail
BIN=${1:-target/debug/numpyx}
BIN=$(realpath "$BIN")
S=numpyx-demo-$$
HIST=$(mktemp)
trap 'tmux kill-session -t "$S" 2>/dev/null; rm -f "$HIST"' EXIT

# Wait until the screen's last non-blank line is an empty prompt (the REPL is idle).
idle() {
  for _ in $(seq 200); do
    last=$(tmux capture-pane -p -t "$S" | grep -v '^$' | tail -1)
    case "$last" in '>>>' | '...') return ;; esac
    sleep 0.05
  done
}
typ() { tmux send-keys -t "$S" -l "$1"; }
key() { tmux send-keys -t "$S" "$@"; }
line() { typ "$1"; key Enter; sleep 0.3; idle; }

# Two sessions in one pane, so the second shows the history the first left.
tmux new-session -d -s "$S" -x 96 -y 200 \
  "env NO_COLOR=1 NUMPYX_HISTORY=$HIST $BIN; env NO_COLOR=1 NUMPYX_HISTORY=$HIST $BIN; sleep 30"
sleep 0.5; idle

# A cheat-sheet snippet pasted with its doctest prompts and outputs.
tmux set-buffer -b demo ">>> x = np.arange(12.).reshape(3, 4)
>>> def rms(a, axis=None):
...     return np.sqrt((a ** 2).mean(axis=axis))
...
>>> rms(x, axis=0)
array([5.16397779, 5.97215762, 6.83130051, 7.72442015])
"
tmux paste-buffer -p -d -b demo -t "$S"
key Enter; sleep 0.3; idle
typ "np.lin"; key Tab; sleep 0.2; key Tab; sleep 0.3
key C-u; sleep 0.2
typ "x.res"; key Tab; line "(4, 3)[:, 1]"
line "x - np.ones(3)"
line "np.linespace(0, 1, 5)"
line "np.mean?"
typ "%timeit x.sum(ax"; key Tab; line "0)"
line "for i in range(10**9): pass"
key Enter; sleep 1; key C-c; sleep 0.3; idle
line "i > 0, x.shape"
line "%whos"
key C-d; sleep 0.5; idle
# The second session: Ctrl-R finds the pasted block in the history; Enter runs it again.
key C-r; typ "def rms"; sleep 0.3; key Enter; sleep 0.5; idle
line "rms(x)"
key C-d; sleep 0.3
tmux capture-pane -p -t "$S" -S - -E - | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
