"""Use cases: each public function runs in exactly one transaction."""
