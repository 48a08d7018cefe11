"""The development dialogue (LUS): scheduling, LUS rounds, preparation (the frozen data pack and both parties'
ratings), the conversation (agenda, shared and private notes), the agreement and its follow-ups."""
