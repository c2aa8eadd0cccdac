"""The local stack: moto's server, the API under `chalice local`, the site and its proxy."""
