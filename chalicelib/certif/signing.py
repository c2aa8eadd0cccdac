"""PAdES signatures of the PDF attestations (pyHanko), and their check.

`sign_pdf(pdf, keys)` adds an invisible signature field and a PAdES baseline signature (`ETSI.CAdES.detached`,
SHA-256, ECDSA P-256) made with the PDF key and its certificate chain (`keys.py`). A PDF reader (Acrobat, Firefox,
Okular, Evince…) then shows the document as signed by Pix and whether it was changed since; with a certificate
from an authority the reader trusts, it also shows the signer as trusted. The document allows no change after
signing (DocMDP level 1: certification signature, no changes permitted).

`check_pdf(pdf, trusted)` is what a verifier does, with pyHanko's validation: the signature's bytes intact,
covering the whole file, made by a certificate that chains to one of `trusted`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from asn1crypto import keys as asn1_keys  # type: ignore[import-untyped]
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

from chalicelib.certif.keys import SigningKeys

FIELD_NAME = "SignaturePix"
SIGNATURE_BYTES = 8192  # the CMS with a chain of up to three certificates; a P-256 signature is ≈ 1.5 kB


def _asn1_certificate(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _signer(keys: SigningKeys) -> signers.SimpleSigner:
    der = keys.pdf_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())
    chain = [_asn1_certificate(c) for c in keys.pdf_certificates]
    return signers.SimpleSigner(signing_cert=chain[0], signing_key=asn1_keys.PrivateKeyInfo.load(der),
                                cert_registry=SimpleCertificateStore.from_certs(chain))  # type: ignore[no-untyped-call]


def sign_pdf(pdf: bytes, keys: SigningKeys, *, reason: str = "Attestation de certification Pix") -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location="France",
        name="Pix",
        certify=True,
        docmdp_permissions=fields.MDPPerm.NO_CHANGES,
    )
    # Room reserved for the CMS container, given rather than estimated: the estimate signs a dry run first.
    out = signers.PdfSigner(meta, signer=_signer(keys)).sign_pdf(writer, bytes_reserved=SIGNATURE_BYTES)
    signed: bytes = out.getvalue()
    return signed


@dataclass(frozen=True, slots=True)
class PdfCheck:
    signed: bool  # a signature is there
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the signer's certificate chains to a trusted one
    whole_file: bool  # nothing was added after the signature

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.whole_file


def check_pdf(pdf: bytes, trusted: Sequence[x509.Certificate]) -> PdfCheck:
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # not a PDF any more, or a broken one
        return PdfCheck(False, False, False, False)
    if not signatures:
        return PdfCheck(False, False, False, False)
    context = ValidationContext(trust_roots=[_asn1_certificate(c) for c in trusted])
    try:
        status = validate_pdf_signature(signatures[0], context)
    except Exception:
        return PdfCheck(True, False, False, False)
    whole = status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    return PdfCheck(True, bool(status.intact and status.valid), bool(status.trusted), whole)
