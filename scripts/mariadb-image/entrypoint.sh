#!/bin/sh
# A fresh data directory on every start, users and database from MYSQL_ROOT_PASSWORD, MYSQL_DATABASE, MYSQL_USER and
# MYSQL_PASSWORD (the names of the official image, which Testcontainers.MySql sets), then mariadbd in the foreground.
set -eu
data=/var/lib/mysql
mkdir -p "$data" /run/mysqld
mariadb-install-db --datadir="$data" --user=root --auth-root-authentication-method=normal --skip-test-db >/dev/null

# --init-file takes one statement per line.
init=/run/mysqld/init.sql
{
  # mariadb-install-db makes password-less root@127.0.0.1 and root@::1, which would win over root@% on TCP.
  echo "DROP USER IF EXISTS 'root'@'127.0.0.1', 'root'@'::1';"
  echo "CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD:-}';"
  echo "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;"
  echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '${MYSQL_ROOT_PASSWORD:-}';"
  if [ -n "${MYSQL_DATABASE:-}" ]; then
    echo "CREATE DATABASE IF NOT EXISTS \`${MYSQL_DATABASE}\`;"
  fi
  if [ -n "${MYSQL_USER:-}" ] && [ "${MYSQL_USER}" != root ]; then
    echo "CREATE USER IF NOT EXISTS '${MYSQL_USER}'@'%' IDENTIFIED BY '${MYSQL_PASSWORD:-}';"
    echo "GRANT ALL PRIVILEGES ON *.* TO '${MYSQL_USER}'@'%';"
  fi
} >"$init"

# --skip-name-resolve: without DNS every connection would wait 10 s on a reverse lookup.
exec mariadbd --no-defaults --datadir="$data" --user=root --bind-address=0.0.0.0 --port=3306 \
  --socket=/run/mysqld/mysqld.sock --skip-name-resolve --skip-log-bin --init-file="$init" \
  --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --local-infile=1 \
  --max-connections=500 --innodb-flush-log-at-trx-commit=2
