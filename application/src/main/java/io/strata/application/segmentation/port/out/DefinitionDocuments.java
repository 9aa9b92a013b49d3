package io.strata.application.segmentation.port.out;

import io.strata.domain.segmentation.GeneralSegmentation;

/**
 * Out-port: the one text form of a general segmentation definition (a JSON document), used to store definitions and
 * to exchange them over the API. Reading a document builds the domain object, so every invariant is checked.
 */
public interface DefinitionDocuments {

    /** Throws IllegalArgumentException naming what is wrong with the document or the definition. */
    GeneralSegmentation read(String document);

    String write(GeneralSegmentation definition);
}
