"""One network on every computer: sync through a folder the user already syncs.

Each computer ("device") keeps the merged state of every record as CRDT documents
(pycrdt, the Python bindings of Yrs) beside its data file, publishes its own changes to
``FOLDER/devices/<device-id>/`` as numbered files it never rewrites, and takes in the
files of the other devices. The data file stays what every command reads: taking in a
change writes it there, under the data file's lock.

Modules that import pycrdt (``replica``, ``engine``) are imported only by a sync run, so
a quick add never pays for them: ``probe`` and ``background`` are what it uses.
"""
