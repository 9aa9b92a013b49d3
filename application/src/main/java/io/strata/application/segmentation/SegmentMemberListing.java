package io.strata.application.segmentation;

import io.strata.application.segmentation.port.in.ListSegmentMembers;
import io.strata.application.segmentation.port.out.SegmentMemberLists;

import java.util.List;

public final class SegmentMemberListing implements ListSegmentMembers {

    private final SegmentMemberLists lists;

    public SegmentMemberListing(SegmentMemberLists lists) {
        this.lists = lists;
    }

    @Override
    public List<SegmentMember> members(MemberListing listing) {
        return lists.page(listing);
    }
}
