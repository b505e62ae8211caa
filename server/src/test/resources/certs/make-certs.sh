#!/bin/sh
# Makes the certificate fixtures of the company certificate tests with the JDK's keytool. Run once; the
# output is checked in so that the golden files can name exact fingerprints, serial numbers and dates.
# Usage: sh make-certs.sh [path/to/keytool]   (default: the JDK 25 keytool)
set -eu
KEYTOOL=${1:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/keytool}
cd "$(dirname "$0")"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PASS=changeit
START="2025/01/01 00:00:00"
DAYS=36500   # valid until 2124

# A certificate authority, self-signed.
"$KEYTOOL" -genkeypair -keystore "$WORK/ca.p12" -storepass $PASS -alias ca -keyalg RSA -keysize 2048 \
  -dname "CN=Atrium Test CA, O=Atrium, C=GB" -startdate "$START" -validity $DAYS \
  -ext bc:c -ext ku:c=keyCertSign,cRLSign
"$KEYTOOL" -exportcert -rfc -keystore "$WORK/ca.p12" -storepass $PASS -alias ca -file ca.pem

# leaf NAME DNAME START DAYS: a key pair in its own store, certified by the authority.
leaf() {
  "$KEYTOOL" -genkeypair -keystore "$WORK/$1.p12" -storepass $PASS -alias "$1" -keyalg RSA -keysize 2048 \
    -dname "$2"
  "$KEYTOOL" -certreq -keystore "$WORK/$1.p12" -storepass $PASS -alias "$1" -file "$WORK/$1.csr"
  "$KEYTOOL" -gencert -rfc -keystore "$WORK/ca.p12" -storepass $PASS -alias ca -infile "$WORK/$1.csr" \
    -outfile "$1.pem" -startdate "$3" -validity "$4" -ext ku:c=digitalSignature -ext eku=clientAuth
}
leaf bot "CN=bot.user, OU=Bots, O=Atrium, C=GB" "$START" $DAYS
leaf jira "CN=jira.integration, O=Atrium, C=GB" "$START" $DAYS
leaf expired "CN=expired.user, O=Atrium, C=GB" "2001/01/01 00:00:00" 1

# A self-signed EC certificate that no authority issued.
"$KEYTOOL" -genkeypair -keystore "$WORK/agent.p12" -storepass $PASS -alias agent -keyalg EC -groupname secp256r1 \
  -dname "CN=agentservice, O=Atrium, C=GB" -startdate "$START" -validity $DAYS
"$KEYTOOL" -exportcert -rfc -keystore "$WORK/agent.p12" -storepass $PASS -alias agent -file agent.pem

# Each certificate's SHA-256 fingerprint, the id the pod API uses.
for f in ca bot jira expired agent; do
  printf '%s ' "$f"
  "$KEYTOOL" -printcert -file "$f.pem" | sed -n 's/^[[:space:]]*SHA256: //p' | tr -d ':' | tr 'A-F' 'a-f'
done > fingerprints.txt
