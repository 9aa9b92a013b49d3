package io.strata.application.segmentation.port.in;

import io.strata.application.segmentation.MemberListing;
import io.strata.application.segmentation.SegmentMember;

import java.util.List;

/** In-port: a segment's members sorted by a column and narrowed to a tactical segment. */
public interface ListSegmentMembers {

    /** The listing's page, plus one more member when there is a next page. */
    List<SegmentMember> members(MemberListing listing);
}
