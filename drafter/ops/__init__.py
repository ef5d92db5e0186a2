"""The use cases both front doors call: each is stated once here, and the CLI and the UI only present it.

- `check`: load a draft (or a workspace) and gather its findings (`drafter check`, `lint`, F3);
- `render`: check, refuse while errors remain (unless forced), compose and write the submission;
- `changes`: a block changed since it was pinned: its diff, taking the new version, `update`;
- `progress`: every draft's answered and required counts and findings (home screen, `drafter drafts`);
- `consultations`: consultations soonest deadline first, with time left;
- `workspace`: the demo workspace, finding a consultation, starting a draft;
- `session`: a draft being edited: live checks, edits, autosave, conflicts, recovery;
- `fields`: form fields checked one at a time (ids, addresses, limits, deadlines) and `InvalidFields`;
- `authoring`: the workspace's own library and a block, written from checked fields;
- `consultation_spec`: a new consultation, written from checked fields;
- `drafts`: draft files as a whole: start one under a name, duplicate, rename, delete to the trash, restore;
- `profile`: the workspace's respondent profile (drafter.yaml `respondent:`), kept from a draft's;
- `libraries`: what `library add` / `sync` did, in the words both front doors show; blocks due for review.

Invariant: nothing here imports click, Textual or rich; a function returns data (or raises an
error whose message is for the user) and never prints.
"""
