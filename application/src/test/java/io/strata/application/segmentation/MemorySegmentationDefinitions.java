package io.strata.application.segmentation;

import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.domain.segmentation.GeneralSegmentation;

import java.util.List;
import java.util.Optional;

/**
 * The use cases' tests' segmentation definitions: the active one, as the test sets it, and nothing else; what the use
 * cases under test must not do (add, activate, replace, retire, list all) fails the test.
 */
public class MemorySegmentationDefinitions implements SegmentationDefinitions {

    public Optional<StoredSegmentation> active = Optional.empty();

    @Override
    public long add(GeneralSegmentation definition, String template, int version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long addVersion(GeneralSegmentation definition, String template, int version, long madeFrom) {
        throw new UnsupportedOperationException();
    }

    /** The active one by its id; a test that knows others says so. */
    @Override
    public Optional<StoredSegmentation> find(long id) {
        return active.filter(a -> a.id() == id);
    }

    @Override
    public Optional<StoredSegmentation> lockForChange(long id) {
        return find(id);
    }

    @Override
    public List<StoredSegmentation> all() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StoredSegmentation> page(Long after, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<StoredSegmentation> active() {
        return active;
    }

    @Override
    public void activate(long id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void replaceDraft(long id, GeneralSegmentation definition) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void retire(long id) {
        throw new UnsupportedOperationException();
    }
}
