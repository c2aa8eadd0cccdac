"""The keys that sign certificates: one for the PDF attestations (PAdES), one for the verifiable credentials.

The PDF key is an ECDSA P-256 key (Acrobat and the other readers check it; pyHanko loads it in microseconds,
where an RSA key's validation costs ≈ 0.4 s per signature), the credentials' key an RSA 3072 key (Open Badges
3.0 names RS256 as the algorithm every verifier supports). They are kept together in one JSON document:
`{"pdf_key": PEM (PKCS#8), "pdf_certificates": PEM (the signing certificate first, then its chain),
"credential_key": PEM (PKCS#8)}`.
- In AWS the document is the value of a Secrets Manager secret named by `CERTIFICATE_KEYS_SECRET_NAME` (dev:
  `pix-dev/certificate-keys`, prod: `pix-prod/certificate-keys`), read through Powertools and cached 15 minutes
  per container, like the JWT key. In production its certificate should come from a certification authority
  that PDF readers trust (Adobe's AATL or the EU trusted lists, an electronic seal), so that a reader shows the
  signer as trusted and not only the document as unaltered.
- Without a secret name (the local stack and the tests) the document is a file, `CERTIFICATE_KEYS_FILE`
  (default `build/local/certificate-keys.json`, ignored by git), generated once with a self-signed certificate
  when it is missing, then kept: the public keys the local API publishes stay those that signed.
Two keys rather than one: a key is used for one kind of signature only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from chalicelib.settings import SECRET_MAX_AGE_SECONDS, get_settings

KEY_BITS = 3072
DEFAULT_FILE = Path(__file__).resolve().parents[2] / "build" / "local" / "certificate-keys.json"


@dataclass(frozen=True, slots=True)
class SigningKeys:
    pdf_key: ec.EllipticCurvePrivateKey
    pdf_certificates: tuple[x509.Certificate, ...]  # the signing certificate first
    credential_key: rsa.RSAPrivateKey

    @property
    def credential_kid(self) -> str:
        return jwk_thumbprint(self.credential_key.public_key())


def generate(common_name: str = "Pix (développement local)") -> SigningKeys:
    """New keys with a self-signed certificate valid 5 years (the local stack, tests, benchmarks)."""
    pdf_key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pix"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(pdf_key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .sign(pdf_key, hashes.SHA256())
    )
    credential_key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    return SigningKeys(pdf_key, (certificate,), credential_key)


def to_document(keys: SigningKeys) -> str:
    def pem(key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey) -> str:
        return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()

    return json.dumps({
        "pdf_key": pem(keys.pdf_key),
        "pdf_certificates": "".join(c.public_bytes(serialization.Encoding.PEM).decode() for c in keys.pdf_certificates),
        "credential_key": pem(keys.credential_key),
    })


def from_document(text: str) -> SigningKeys:
    raw = json.loads(text)

    pdf_key = serialization.load_pem_private_key(raw["pdf_key"].encode(), password=None)
    credential_key = serialization.load_pem_private_key(raw["credential_key"].encode(), password=None)
    if not isinstance(pdf_key, ec.EllipticCurvePrivateKey) or not isinstance(credential_key, rsa.RSAPrivateKey):
        raise ValueError("the PDF key must be an EC key, the credentials' key an RSA key")
    chain = tuple(x509.load_pem_x509_certificates(raw["pdf_certificates"].encode()))
    return SigningKeys(pdf_key, chain, credential_key)


def current() -> SigningKeys:
    """The keys of this deployment (see the module's docstring)."""
    settings = get_settings()
    if settings.certificate_keys_secret_name:
        from aws_lambda_powertools.utilities import parameters

        text = parameters.get_secret(settings.certificate_keys_secret_name, max_age=SECRET_MAX_AGE_SECONDS)
        return _parsed(text)
    return _from_file(Path(os.environ.get("CERTIFICATE_KEYS_FILE") or DEFAULT_FILE))


@cache
def _parsed(text: str) -> SigningKeys:
    return from_document(text)


def ensure_file(path: Path) -> Path:
    """The local keys' file, written once (atomically: two processes starting together keep one of theirs)."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".tmp") as out:
            out.write(to_document(generate()))
        os.chmod(out.name, 0o600)
        if not path.exists():
            os.replace(out.name, path)
        else:
            os.unlink(out.name)
    return path


def _from_file(path: Path) -> SigningKeys:
    return _parsed(ensure_file(path).read_text())


# --- public keys as JWK (RFC 7517), for the issuer's published key set ----------------------------------


def _b64(number: int) -> str:
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _b64_fixed(number: int, size: int) -> str:
    return base64.urlsafe_b64encode(number.to_bytes(size, "big")).rstrip(b"=").decode()


def public_jwk(key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> dict[str, str]:
    if isinstance(key, ec.EllipticCurvePublicKey):
        point = key.public_numbers()
        return {"kty": "EC", "crv": "P-256", "x": _b64_fixed(point.x, 32), "y": _b64_fixed(point.y, 32)}
    numbers = key.public_numbers()
    return {"kty": "RSA", "n": _b64(numbers.n), "e": _b64(numbers.e)}


def jwk_thumbprint(key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey) -> str:
    """RFC 7638: SHA-256 of the required members in lexicographic order, base64url."""
    jwk = public_jwk(key)
    canonical = json.dumps(dict(sorted(jwk.items())), separators=(",", ":"))
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()


def key_set(keys: SigningKeys) -> dict[str, Any]:
    """The issuer's public keys: the credentials' key (RS256) and the PDF signing key with its certificate chain
    (`x5c`), so that one published document lets anyone check both forms."""
    credential_public = keys.credential_key.public_key()
    pdf_public = keys.pdf_key.public_key()
    return {"keys": [
        {**public_jwk(credential_public), "kid": jwk_thumbprint(credential_public), "use": "sig", "alg": "RS256"},
        {**public_jwk(pdf_public), "kid": "pdf-" + jwk_thumbprint(pdf_public), "use": "sig", "alg": "ES256",
         "x5c": [base64.b64encode(c.public_bytes(serialization.Encoding.DER)).decode()
                 for c in keys.pdf_certificates]},
    ]}
