{{ entity_dimension('belongs_to_collection', 'collection_id', 'collection_name', 'bigint') }}
