-- The example SQL source of docs/interop.md: the penguins data in a table with a key, as a
-- warehouse would hold it. Run from the repository root on an empty database:
--   psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE reproserve_warehouse'
--   psql -h 127.0.0.1 -U postgres -d reproserve_warehouse -f scripts/warehouse.sql
-- scripts/check-readme.sh does the same before it starts the service.
CREATE TABLE penguins (
    id                integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    species           text NOT NULL,
    island            text NOT NULL,
    bill_length_mm    numeric(5,1),
    bill_depth_mm     numeric(5,1),
    flipper_length_mm integer,
    body_mass_g       integer,
    sex               text
);
-- Rows numbered in file order; empty cells become NULL.
\copy penguins (species, island, bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex) FROM 'src/test/resources/datasets/penguins.csv' WITH (FORMAT csv, HEADER true)
