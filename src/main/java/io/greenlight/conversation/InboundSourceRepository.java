package io.greenlight.conversation;

import org.springframework.data.jpa.repository.JpaRepository;

interface InboundSourceRepository extends JpaRepository<InboundSource, String> {
}
