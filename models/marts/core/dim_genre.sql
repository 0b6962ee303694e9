{{ entity_dimension('genres', 'genre_id', 'genre_name', 'bigint') }}
