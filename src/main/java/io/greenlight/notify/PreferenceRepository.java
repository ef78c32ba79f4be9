package io.greenlight.notify;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface PreferenceRepository extends JpaRepository<Preference, Preference.Key> {
    List<Preference> findByUserId(String userId);
}
