"""What a certificate costs: drawing and signing attestations, and their size (issue 14, the certificate half).

    python -m bench.certificates [--repeat N] [--session 20]

Pure CPU, no AWS: the certificates job's work without S3 and DynamoDB (their writes are a few milliseconds each,
measured by the integration tests' moto, not here). Keys are generated once (ECDSA P-256 for the PDF, RSA 3072
for the credentials), as the local stack does. Measured:
- the first attestation of a process: importing fpdf2, segno, pyHanko (the job's cold start), drawing, signing;
- one attestation (draw + PAdES signature), median of `--repeat`;
- a session of `--session` candidates as the job does it: each candidate's attestation drawn and signed, and the
  credential signed, then the whole session's document (one page per candidate) drawn and signed;
- sizes: one signed attestation, the session's document; one credential (VC-JWT).
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime

from chalicelib.certif.certificates import Certificate, domains_from

SITE = "https://pix.example.org"


def _titles() -> list[tuple[str, str, list[tuple[str, str]]]]:
    from chalicelib.content.api import get_release

    release = get_release()
    return [(d.code, d.title, [(c, release.competences[c].title) for c in d.competences]) for d in release.domains]


def candidates(count: int) -> list[Certificate]:
    titles = _titles()
    codes = [c for _, _, comps in titles for c, _ in comps]
    found = []
    for n in range(count):
        levels = {code: (n + i) % 7 - (1 if (n + i) % 11 == 0 else 0) for i, code in enumerate(codes)}
        found.append(Certificate(
            verification_code=f"P-{'23467899BCDFGHJK'[n % 16]}BCDFGHJ"[:10], certification_id=str(700000 + n),
            user_id=f"user-{n}", session_id="bench-session", centre_id="bench-centre",
            centre_name="Lycée professionnel Jean Jaurès", first_name=["Léa", "Noé", "Inès", "Tom"][n % 4],
            last_name=f"Candidat{n:02d}", birth_date=date(2008, 1 + n % 12, 1 + n % 28), birthplace="Rennes",
            taken_on=date(2026, 11, 12), status="validated", pix=sum(8 * max(v, 0) for v in levels.values()),
            max_reachable_level=7, domains=domains_from(titles, levels),
            issued_at=datetime(2026, 11, 20, 9, tzinfo=UTC), comment_for_candidate=None,
            class_name=f"Terminale {'AB'[n % 2]}"))
    return found


def run(repeat: int, session_size: int) -> dict[str, float]:
    from chalicelib.certif import keys

    signing_keys = keys.generate()
    people = candidates(max(session_size, 1))

    started = time.perf_counter()
    from chalicelib.certif import credentials, signing
    from chalicelib.certif.attestation import attestation_pdf

    first = signing.sign_pdf(attestation_pdf([people[0]], SITE), signing_keys)
    cold = time.perf_counter() - started

    draws, signs = [], []
    for n in range(repeat):
        t0 = time.perf_counter()
        pdf = attestation_pdf([people[n % len(people)]], SITE)
        t1 = time.perf_counter()
        signing.sign_pdf(pdf, signing_keys)
        t2 = time.perf_counter()
        draws.append(t1 - t0)
        signs.append(t2 - t1)

    t0 = time.perf_counter()
    tokens = []
    for person in people[:session_size]:
        signing.sign_pdf(attestation_pdf([person], SITE), signing_keys)
        tokens.append(credentials.sign(credentials.credential(person, SITE), signing_keys.credential_key))
    t1 = time.perf_counter()
    whole = signing.sign_pdf(attestation_pdf(people[:session_size], SITE), signing_keys)
    t2 = time.perf_counter()
    return {
        "cold": cold, "draw": statistics.median(draws), "sign": statistics.median(signs),
        "one": statistics.median(d + s for d, s in zip(draws, signs, strict=True)),
        "session_each": t1 - t0, "session_document": t2 - t1, "session_total": t2 - t0,
        "size_one": len(first), "size_session": len(whole), "size_credential": len(tokens[0]),
        "session": session_size,
    }


def table(r: dict[str, float]) -> str:
    n = int(r["session"])
    return "\n".join([
        "| what | time | size |",
        "|---|---|---|",
        f"| first attestation of a process (imports + draw + sign) | {r['cold'] * 1000:.0f} ms | |",
        f"| one attestation: draw (fpdf2 + QR code) | {r['draw'] * 1000:.1f} ms | |",
        f"| one attestation: PAdES signature (pyHanko) | {r['sign'] * 1000:.1f} ms | |",
        f"| one attestation, drawn and signed | {r['one'] * 1000:.1f} ms | {r['size_one'] / 1024:.1f} KiB |",
        f"| a session of {n}: each attestation drawn and signed + credential signed | "
        f"{r['session_each']:.2f} s | |",
        f"| a session of {n}: the session's document ({n} pages), drawn and signed | "
        f"{r['session_document'] * 1000:.0f} ms | {r['size_session'] / 1024:.1f} KiB |",
        f"| a session of {n}, all of it | {r['session_total']:.2f} s | |",
        f"| one credential (VC-JWT, RS256) | | {r['size_credential'] / 1024:.1f} KiB |",
    ])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.certificates", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--session", type=int, default=20)
    args = parser.parse_args(argv)
    print(table(run(args.repeat, args.session)))


if __name__ == "__main__":
    main()
