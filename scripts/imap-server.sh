#!/usr/bin/env bash
# A private IMAP server on 127.0.0.1 for the tests and for trying the reply
# mailbox by hand, from Debian's dovecot-imapd: configuration, maildir, logs
# and sockets all live in one directory, nothing of the system's dovecot is used.
#
#   scripts/imap-server.sh run <dir> <port> [user] [password]
#       writes <dir>/dovecot.conf and runs dovecot in the foreground (stop it
#       with SIGTERM); one account, user "svar" with password "svar" unless given.
#       The mailbox is <dir>/mail/<user>, plain IMAP without TLS: for 127.0.0.1
#       only, never a deployment.
set -euo pipefail
cmd=${1:?usage: imap-server.sh run <dir> <port> [user] [password]}
dir=${2:?usage: imap-server.sh run <dir> <port> [user] [password]}
port=${3:?usage: imap-server.sh run <dir> <port> [user] [password]}
user=${4:-svar}
password=${5:-svar}

if ! command -v dovecot >/dev/null && [ ! -x /usr/sbin/dovecot ]; then
  echo "imap-server: dovecot is not installed (apt-get install dovecot-imapd)" >&2
  exit 1
fi
dovecot_bin=$(command -v dovecot || echo /usr/sbin/dovecot)

case "$cmd" in
  run)
    mkdir -p "$dir/run" "$dir/state" "$dir/mail"
    dir=$(cd "$dir" && pwd)
    printf '%s:{PLAIN}%s\n' "$user" "$password" >"$dir/passwd"
    # Run as root (CI) the mail processes drop to the dovecot user the package
    # creates; as an ordinary user they stay that user.
    if [ "$(id -u)" = 0 ]; then
      owner=dovecot
      # The mail processes run as dovecot and must reach the maildir (mktemp's folders are 0700).
      chmod 755 "$dir"
      chown -R dovecot:dovecot "$dir/mail"
      login_users="default_login_user = dovenull
default_internal_user = dovecot"
    else
      owner=$(id -un)
      login_users="default_login_user = $owner
default_internal_user = $owner"
    fi
    cat >"$dir/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
info_log_path = $dir/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
$login_users
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN $dir/passwd
}
userdb {
  driver = static
  args = uid=$owner gid=$owner home=$dir/mail/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
    exec "$dovecot_bin" -F -c "$dir/dovecot.conf"
    ;;
  *)
    echo "usage: imap-server.sh run <dir> <port> [user] [password]" >&2
    exit 2
    ;;
esac
