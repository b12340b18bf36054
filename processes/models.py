"""Every table of the regulation's records, imported together so `create_all` knows them all."""
from processes import accounts, holidays, numbering, organs, query_attempts, suggestions  # noqa: F401
from processes.documents import models as documents  # noqa: F401
from processes.petitions import models as petitions  # noqa: F401
