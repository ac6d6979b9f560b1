"""Report → text (rich) | json | html/markdown (jinja2) | xlsx; wheel → svg."""
